namespace Platform.LocalInfra;

/// <summary>
/// PostgreSQL, RabbitMQ and Redis for one run: started in parallel on free loopback ports (or
/// taken from external connection strings), stopped on dispose and when the process exits.
/// </summary>
public sealed class LocalInfrastructure : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned;
    private readonly List<ExternalProcess> _processes;
    private int _disposed;

    private LocalInfrastructure(PostgresEndpoint postgres, RabbitMqEndpoint rabbitMq, string redis, List<IAsyncDisposable> owned, List<ExternalProcess> processes)
    {
        Postgres = postgres;
        RabbitMq = rabbitMq;
        Redis = redis;
        _owned = owned;
        _processes = processes;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public PostgresEndpoint Postgres { get; }

    public RabbitMqEndpoint RabbitMq { get; }

    /// <summary>Redis connection string (<c>host:port</c>).</summary>
    public string Redis { get; }

    /// <summary>The server processes this instance started (empty for external servers).</summary>
    public IReadOnlyList<ExternalProcess> Processes => _processes;

    public static async Task<LocalInfrastructure> StartAsync(LocalInfraOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.RunDirectory);
        var postgres = options.ExternalPostgres is null
            ? Track(progress, "postgres", PostgresServer.StartAsync(Path.Combine(options.RunDirectory, "postgres"), cancellationToken: cancellationToken))
            : null;
        var rabbit = options.ExternalMessaging is null
            ? Track(progress, "rabbitmq", RabbitMqServer.StartAsync(Path.Combine(options.RunDirectory, "rabbitmq"), cancellationToken: cancellationToken))
            : null;
        var redis = options.ExternalRedis is null
            ? Track(progress, "redis", RedisServer.StartAsync(Path.Combine(options.RunDirectory, "redis"), options.RepositoryRoot, cancellationToken: cancellationToken))
            : null;

        var pending = new Task?[] { postgres, rabbit, redis }.OfType<Task>().ToArray();
        try
        {
            await Task.WhenAll(pending);
        }
        catch
        {
            // Stop whatever did come up, then report the first failure.
            var started = new IAsyncDisposable?[]
            {
                postgres is { IsCompletedSuccessfully: true } ? postgres.Result : null,
                rabbit is { IsCompletedSuccessfully: true } ? rabbit.Result : null,
                redis is { IsCompletedSuccessfully: true } ? redis.Result : null,
            };
            await Task.WhenAll(started.OfType<IAsyncDisposable>().Select(s => s.DisposeAsync().AsTask()));
            throw pending.Select(t => t.Exception?.InnerException).OfType<Exception>().First();
        }

        var owned = new List<IAsyncDisposable>();
        var processes = new List<ExternalProcess>();
        if (postgres is not null) { owned.Add(postgres.Result); processes.Add(postgres.Result.Process); }
        if (rabbit is not null) { owned.Add(rabbit.Result); processes.Add(rabbit.Result.Process); }
        if (redis is not null) { owned.Add(redis.Result); processes.Add(redis.Result.Process); }

        return new LocalInfrastructure(
            postgres?.Result.Endpoint ?? new PostgresEndpoint(options.ExternalPostgres!),
            rabbit?.Result.Endpoint ?? RabbitMqEndpoint.Parse(options.ExternalMessaging!, options.ExternalMessagingManagement),
            redis?.Result.ConnectionString ?? options.ExternalRedis!,
            owned,
            processes);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await Task.WhenAll(_owned.Select(o => o.DisposeAsync().AsTask()));
    }

    private static async Task<T> Track<T>(IProgress<string>? progress, string name, Task<T> start)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        progress?.Report($"{name}: starting");
        var result = await start;
        progress?.Report($"{name}: ready in {clock.Elapsed.TotalSeconds:0.0} s");
        return result;
    }

    // Last line of defence when the owner never disposes (Ctrl-C, unhandled exception): no
    // graceful shutdown is possible here, but no server is left running either.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        foreach (var process in _processes) process.Kill();
    }
}
