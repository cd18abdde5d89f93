namespace Platform.LocalInfra;

/// <summary>
/// A private PostgreSQL cluster in its own directory, on a loopback port, with trust
/// authentication and fsync off: for local runs and tests only.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Resource = "postgres";
    private readonly ExternalProcess _process;
    private readonly string _binDirectory;
    private readonly string _dataDirectory;

    private PostgresServer(ExternalProcess process, string binDirectory, string dataDirectory, int port)
    {
        _process = process;
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        Port = port;
        Endpoint = new PostgresEndpoint($"Host=127.0.0.1;Port={port};Username=postgres");
    }

    public int Port { get; }

    public PostgresEndpoint Endpoint { get; }

    public ExternalProcess Process => _process;

    public static async Task<PostgresServer> StartAsync(string directory, int? port = null, CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory();
        var chosenPort = port ?? FreePort.Next();
        if (!FreePort.IsFree(chosenPort))
            throw new InfraException(Resource, $"port {chosenPort} is already in use. Stop what uses it or choose another port.");

        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(directory);
        var log = Path.Combine(directory, "postgres.log");
        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            Directory.CreateDirectory(data);
            ChownToPostgres(directory);
            await RunToCompletionAsync("initdb", Path.Combine(bin, "initdb"),
                ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], log, cancellationToken);
        }

        // Run in the foreground so the cluster is our child: it cannot outlive us unnoticed.
        var process = ExternalProcess.Start(Resource, AsPostgresUser(Path.Combine(bin, "postgres")).File,
            [.. AsPostgresUser(Path.Combine(bin, "postgres")).Prefix,
             "-D", data, "-p", chosenPort.ToString(), "-k", directory,
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
             "-c", "full_page_writes=off", "-c", "max_connections=300"],
            log, stopSignal: Native.SigInt);
        var server = new PostgresServer(process, bin, data, chosenPort);
        try
        {
            var isReady = Path.Combine(bin, "pg_isready");
            await Readiness.WaitAsync(Resource, async ct =>
            {
                await using var probe = ExternalProcess.Start("pg_isready", isReady,
                    ["-h", "127.0.0.1", "-p", chosenPort.ToString(), "-U", "postgres", "-t", "1"], log);
                await probe.WaitForExitAsync(ct);
                return probe.ExitCode == 0;
            }, TimeSpan.FromSeconds(30), process, log, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await _process.DisposeAsync();

    /// <summary>Stops the server (fast shutdown: open connections are cut). Used to test outages.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(15));

    public bool IsRunning => !_process.HasExited;

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InfraException(Resource, "PostgreSQL server binaries not found under /usr/lib/postgresql. Install them with: sudo apt-get install -y postgresql");
    }

    // initdb and postgres refuse to run as root; as root we switch to the postgres user with
    // setpriv, which execs (no wrapper process stays between us and the server).
    private static (string File, string[] Prefix) AsPostgresUser(string executable) =>
        Native.IsRoot
            ? ("/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", executable])
            : (executable, []);

    private static void ChownToPostgres(string directory)
    {
        if (!Native.IsRoot || OperatingSystem.IsWindows()) return;
        // The postgres user must reach the directory through every parent.
        for (var dir = Path.GetDirectoryName(directory); !string.IsNullOrEmpty(dir) && dir != "/"; dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute)) File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
        }
        using var chown = System.Diagnostics.Process.Start("chown", ["-R", "postgres:postgres", directory]);
        chown.WaitForExit();
        if (chown.ExitCode != 0) throw new InfraException(Resource, $"could not give {directory} to the postgres user (chown exit {chown.ExitCode}).");
    }

    private static async Task RunToCompletionAsync(string step, string executable, string[] arguments, string log, CancellationToken cancellationToken)
    {
        var (file, prefix) = AsPostgresUser(executable);
        await using var process = ExternalProcess.Start($"{Resource} {step}", file, [.. prefix, .. arguments], log);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InfraException(Resource, $"{step} failed (exit {process.ExitCode}): {process.Tail().LastOrDefault(l => l.Length > 0)} (log: {log})");
        }
    }
}
