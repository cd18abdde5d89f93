using Platform.AppHost.Hosting;

namespace Platform.AppHost.Orchestration;

/// <summary>The live side of one declared resource: its state, health, endpoints and logs.</summary>
public abstract class ResourceRuntime(Resource resource)
{
    public Resource Resource { get; } = resource;

    public string Name => Resource.Name;

    public virtual string Kind => Resource.Kind;

    public ResourceState State { get; protected set; } = ResourceState.Starting;

    public ResourceHealth Health { get; set; } = ResourceHealth.Unknown;

    public LogBuffer Logs { get; } = new();

    public string? LastError { get; protected set; }

    public virtual int? Pid => null;

    public virtual int Restarts => 0;

    public DateTimeOffset? StartedAt { get; protected set; }

    /// <summary>Whether the dashboard may stop, start and restart it.</summary>
    public virtual bool CanControl => false;

    public abstract IReadOnlyList<string> Endpoints { get; }

    /// <summary>Starts the resource and returns once it runs (health is probed separately).</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task StopAsync();

    /// <summary>One health probe; never throws.</summary>
    public abstract Task<ResourceHealth> ProbeAsync(CancellationToken cancellationToken);

    public ResourceSnapshot Snapshot() =>
        new(Name, Kind, State, Health, Endpoints, Pid, Restarts, LastError, StartedAt, CanControl);
}
