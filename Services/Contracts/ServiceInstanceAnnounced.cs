namespace Platform.Contracts;

/// <summary>
/// Published by every service instance when its bus connects and then periodically, so the
/// observability service knows which instances make up the platform and when each was last
/// seen. Periodic rather than once: a one-off announcement sent before the observability
/// service has bound its queue would be dropped by the broker. <paramref name="ReceiveQueues"/>
/// names the instance's consumer queues, whose dead letters the observability service archives.
/// </summary>
public sealed record ServiceInstanceAnnounced(
    string TenantId,
    string Service,
    string InstanceId,
    string Version,
    string Host,
    int ProcessId,
    DateTimeOffset StartedAt,
    DateTimeOffset AnnouncedAt,
    IReadOnlyList<string>? ReceiveQueues = null) : ITenantMessage;
