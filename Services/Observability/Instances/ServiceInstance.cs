namespace Platform.Observability.Instances;

/// <summary>A running (or once running) process of one of the platform's services.</summary>
public sealed class ServiceInstance
{
    public required string InstanceId { get; init; }

    public required string Service { get; init; }

    public required string Version { get; init; }

    public required string Host { get; init; }

    public int ProcessId { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the latest announcement arrived (by this service's clock).</summary>
    public DateTimeOffset LastSeenAt { get; init; }
}
