namespace Platform.LocalInfra;

/// <summary>
/// A private RabbitMQ node (management and shovel plugins) whose state, logs and Erlang cookie
/// all live in its own directory.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private const string Resource = "rabbitmq";
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly ExternalProcess _process;
    private readonly bool _startedEpmd;

    private RabbitMqServer(ExternalProcess process, RabbitMqEndpoint endpoint, bool startedEpmd)
    {
        _process = process;
        Endpoint = endpoint;
        _startedEpmd = startedEpmd;
    }

    public RabbitMqEndpoint Endpoint { get; }

    public ExternalProcess Process => _process;

    public static async Task<RabbitMqServer> StartAsync(string directory, int? amqpPort = null, int? managementPort = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(ServerScript))
            throw new InfraException(Resource, $"{ServerScript} not found. Install it with: sudo apt-get install -y rabbitmq-server");

        var amqp = amqpPort ?? FreePort.Next();
        var management = managementPort ?? FreePort.Next();
        foreach (var port in new[] { amqp, management })
        {
            if (!FreePort.IsFree(port))
                throw new InfraException(Resource, $"port {port} is already in use. Stop what uses it or choose another port.");
        }

        Directory.CreateDirectory(directory);
        var plugins = Path.Combine(directory, "enabled_plugins");
        // An Erlang term file: the final dot is part of the syntax.
        await File.WriteAllTextAsync(plugins, "[rabbitmq_management,rabbitmq_shovel,rabbitmq_shovel_management].", cancellationToken);
        var log = Path.Combine(directory, "rabbitmq.log");
        var distPort = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            // The node and rabbitmqctl read the Erlang cookie from $HOME.
            ["HOME"] = directory,
            ["RABBITMQ_NODENAME"] = $"platform{amqp}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = amqp.ToString(),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(directory, "feature_flags"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(directory, "plugins-expand"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbitmq.pid"),
            ["RABBITMQ_SERVER_START_ARGS"] = $"-rabbitmq_management listener [{{port,{management}}},{{ip,\"127.0.0.1\"}}]",
        };
        var epmdWasRunning = await FreePort.AcceptsAsync("127.0.0.1", 4369, cancellationToken);
        var process = ExternalProcess.Start(Resource, ServerScript, [], log, environment, directory);
        var endpoint = new RabbitMqEndpoint("127.0.0.1", amqp, new Uri($"http://127.0.0.1:{management}/"), "guest", "guest");
        var server = new RabbitMqServer(process, endpoint, startedEpmd: !epmdWasRunning);
        try
        {
            using var client = endpoint.CreateManagementClient();
            await Readiness.WaitAsync(Resource, async ct =>
            {
                using var response = await client.GetAsync("api/overview", ct);
                return response.IsSuccessStatusCode && await FreePort.AcceptsAsync("127.0.0.1", amqp, ct);
            }, TimeSpan.FromSeconds(60), process, log, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // SIGTERM to beam.smp is a clean broker shutdown (about 5 s here).
        await _process.StopAsync(TimeSpan.FromSeconds(20));
        await _process.DisposeAsync();
        if (_startedEpmd) StopEpmd();
    }

    // epmd is the Erlang port mapper daemon the first node starts and leaves behind. Stop it
    // only when we started it and no other Erlang node still uses it.
    private static void StopEpmd()
    {
        var epmd = Executables.Find("epmd", "/usr/lib/erlang/bin");
        if (epmd is null) return;
        using var names = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(epmd, "-names") { RedirectStandardOutput = true })!;
        var output = names.StandardOutput.ReadToEnd();
        names.WaitForExit();
        if (output.Contains("name ", StringComparison.Ordinal)) return;
        using var kill = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(epmd, "-kill") { RedirectStandardOutput = true })!;
        kill.WaitForExit();
    }
}
