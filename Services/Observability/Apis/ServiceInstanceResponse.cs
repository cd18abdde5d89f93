namespace Platform.Observability.Apis;

public sealed record ServiceInstanceResponse(
    string InstanceId, string Service, string Version, string Host, int ProcessId, DateTimeOffset StartedAt, DateTimeOffset LastSeenAt);
