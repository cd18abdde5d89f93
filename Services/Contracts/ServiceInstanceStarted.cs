namespace Platform.Contracts;

/// <summary>
/// Published by every service instance once its message bus is connected. The observability
/// service keeps the list of instances that make up the running platform.
/// </summary>
public sealed record ServiceInstanceStarted(
    string TenantId,
    string Service,
    string InstanceId,
    string Version,
    string Host,
    int ProcessId,
    DateTimeOffset StartedAt) : ITenantMessage;
