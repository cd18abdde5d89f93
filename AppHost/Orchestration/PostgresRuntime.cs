using Microsoft.Extensions.Logging;
using Platform.AppHost.Hosting;
using Platform.LocalInfra;

namespace Platform.AppHost.Orchestration;

public sealed class PostgresRuntime(PostgresServerResource server, string directory, SupervisionOptions options, ILogger logger)
    : LocalServerRuntime(server, directory, options, logger)
{
    protected override async Task<Instance> LaunchAsync(CancellationToken cancellationToken)
    {
        var postgres = await PostgresServer.StartAsync(Directory, Port, cancellationToken);
        Server.ConnectionString = postgres.Endpoint.ConnectionString;
        return Attach(postgres.Process, async () => await postgres.DisposeAsync());
    }
}
