using Platform.AppHost.Hosting;

namespace Platform.AppHost.Orchestration;

/// <summary>A server given by connection string: nothing to start, only to watch.</summary>
public sealed class ExternalServerRuntime(ServerResource server) : PassiveRuntime(server)
{
    private readonly ServerAddress _address = ServerAddress.Parse(server, server.ExternalConnectionString!);

    public override string Kind => $"{server.Kind} (external)";

    public override IReadOnlyList<string> Endpoints => [$"tcp://{_address.Host}:{_address.Port}"];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        server.ConnectionString = server.ExternalConnectionString;
        return base.StartAsync(cancellationToken);
    }

    public override Task<ResourceHealth> ProbeAsync(CancellationToken cancellationToken) =>
        TcpProbe.ProbeAsync(_address.Host, _address.Port, cancellationToken);
}
