using Platform.AppHost.Hosting;

namespace Platform.AppHost.Orchestration;

/// <summary>A resource with no process of its own (an external server, a database): running means in use.</summary>
public abstract class PassiveRuntime(Resource resource) : ResourceRuntime(resource)
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        State = ResourceState.Running;
        StartedAt = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    public override Task StopAsync()
    {
        State = ResourceState.Stopped;
        return Task.CompletedTask;
    }
}
