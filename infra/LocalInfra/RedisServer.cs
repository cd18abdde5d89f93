using System.Net.Sockets;
using System.Text;

namespace Platform.LocalInfra;

/// <summary>
/// A private Redis-compatible server: redis-server when installed, else Garnet (the
/// garnet-server .NET tool from this repository's tool manifest) with Lua scripting on.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Resource = "redis";
    private readonly ExternalProcess _process;

    private RedisServer(ExternalProcess process, int port, string flavour)
    {
        _process = process;
        Port = port;
        Flavour = flavour;
    }

    public int Port { get; }

    /// <summary>"redis" or "garnet".</summary>
    public string Flavour { get; }

    /// <summary>The connection string in the form Aspire injects: <c>host:port</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public ExternalProcess Process => _process;

    public static async Task<RedisServer> StartAsync(string directory, string repositoryRoot, int? port = null, string? prefer = null, CancellationToken cancellationToken = default)
    {
        var chosen = port ?? FreePort.Next();
        if (!FreePort.IsFree(chosen))
            throw new InfraException(Resource, $"port {chosen} is already in use. Stop what uses it or choose another port.");
        Directory.CreateDirectory(directory);
        var log = Path.Combine(directory, "redis.log");

        var redis = prefer == "garnet" ? null : Executables.Find("redis-server");
        ExternalProcess process;
        string flavour;
        if (redis is not null)
        {
            flavour = "redis";
            process = ExternalProcess.Start(Resource, redis,
                ["--port", chosen.ToString(), "--bind", "127.0.0.1", "--dir", directory, "--save", "", "--appendonly", "no", "--daemonize", "no"],
                log, workingDirectory: directory);
        }
        else
        {
            flavour = "garnet";
            var manifest = Path.Combine(repositoryRoot, ".config", "dotnet-tools.json");
            if (!File.Exists(manifest))
                throw new InfraException(Resource, "neither redis-server nor the garnet-server tool manifest was found. Install one with: sudo apt-get install -y redis-server");
            // No --logdir: Garnet refuses it without tiered storage; its output goes to the log file anyway.
            process = ExternalProcess.Start(Resource, "dotnet",
                ["tool", "run", "garnet-server", "--", "--port", chosen.ToString(), "--bind", "127.0.0.1", "--lua"],
                log, workingDirectory: repositoryRoot);
        }

        var server = new RedisServer(process, chosen, flavour);
        try
        {
            await Readiness.WaitAsync(Resource, ct => PingAsync(chosen, ct), TimeSpan.FromSeconds(30), process, log, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    // A readiness probe only: the platform's RESP client lives in ServiceDefaults.
    private static async Task<bool> PingAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), cancellationToken);
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }
}
