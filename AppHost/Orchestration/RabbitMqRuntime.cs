using Microsoft.Extensions.Logging;
using Platform.AppHost.Hosting;
using Platform.LocalInfra;

namespace Platform.AppHost.Orchestration;

public sealed class RabbitMqRuntime(RabbitMQServerResource server, string directory, SupervisionOptions options, ILogger logger)
    : LocalServerRuntime(server, directory, options, logger)
{
    private readonly int _managementPort = FreePort.Next();

    public override IReadOnlyList<string> Endpoints => [$"amqp://127.0.0.1:{Port}", $"http://127.0.0.1:{_managementPort}"];

    protected override async Task<Instance> LaunchAsync(CancellationToken cancellationToken)
    {
        var rabbit = await RabbitMqServer.StartAsync(Directory, Port, _managementPort, cancellationToken);
        Server.ConnectionString = rabbit.Endpoint.ConnectionString();
        ((RabbitMQServerResource)Server).ManagementUrl = rabbit.Endpoint.Management.ToString();
        return Attach(rabbit.Process, async () => await rabbit.DisposeAsync());
    }
}
