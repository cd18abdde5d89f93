using Platform.AppHost.Hosting;

namespace Platform.AppHost.Orchestration;

/// <summary>A database lives and dies with its server; the owning service's migrations create it.</summary>
public sealed class DatabaseRuntime(PostgresDatabaseResource database, ResourceRuntime server) : PassiveRuntime(database)
{
    public override IReadOnlyList<string> Endpoints => [];

    public override Task<ResourceHealth> ProbeAsync(CancellationToken cancellationToken)
    {
        if (State == ResourceState.Running && server.State != ResourceState.Running) State = ResourceState.Starting;
        else if (State == ResourceState.Starting && server.State == ResourceState.Running) State = ResourceState.Running;
        return Task.FromResult(server.Health);
    }
}
