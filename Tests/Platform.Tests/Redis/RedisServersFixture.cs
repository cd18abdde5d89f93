using Platform.LocalInfra;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Redis;

/// <summary>Both servers the client must speak to: the run's redis-server, and a Garnet started for these tests.</summary>
public sealed class RedisServersFixture(PlatformServers servers) : IAsyncLifetime
{
    private RedisServer? _garnet;

    public string ConnectionString(string flavour) => flavour == "garnet"
        ? _garnet?.ConnectionString ?? throw new InvalidOperationException("Garnet not started.")
        : servers.Infra.Redis;

    public async ValueTask InitializeAsync() =>
        _garnet = await RedisServer.StartAsync(Path.Combine(servers.RunDirectory, "servers", "garnet-resp"), servers.RepositoryRoot, prefer: "garnet");

    public async ValueTask DisposeAsync()
    {
        if (_garnet is not null) await _garnet.DisposeAsync();
    }
}
