using Microsoft.Extensions.Logging;
using Platform.AppHost.Hosting;
using Platform.LocalInfra;

namespace Platform.AppHost.Orchestration;

public sealed class RedisRuntime(RedisResource server, string directory, string repositoryRoot, SupervisionOptions options, ILogger logger)
    : LocalServerRuntime(server, directory, options, logger)
{
    private string _flavour = "Redis";

    public override string Kind => _flavour == "garnet" ? "Redis (Garnet)" : "Redis";

    protected override async Task<Instance> LaunchAsync(CancellationToken cancellationToken)
    {
        var redis = await RedisServer.StartAsync(Directory, repositoryRoot, Port, cancellationToken: cancellationToken);
        _flavour = redis.Flavour;
        Server.ConnectionString = redis.ConnectionString;
        return Attach(redis.Process, async () => await redis.DisposeAsync());
    }
}
