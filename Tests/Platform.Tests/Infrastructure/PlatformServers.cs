using Platform.LocalInfra;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// PostgreSQL, RabbitMQ and Redis, started once per test run (or taken from
/// ConnectionStrings__* when set). Test classes get their own databases, vhost and key prefix.
/// </summary>
public sealed class PlatformServers : IAsyncLifetime
{
    private LocalInfrastructure? _infra;

    public string RepositoryRoot { get; } = RepositoryLayout.FindRoot();

    /// <summary>Per-run directory; <c>./platform test</c> passes one so it can clean up after a crash.</summary>
    public string RunDirectory { get; } = Environment.GetEnvironmentVariable("PLATFORM_RUN_DIR") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Path.GetTempPath(), $"platform-tests-{Environment.ProcessId}");

    public string Configuration { get; } = RepositoryLayout.ConfigurationOf(typeof(PlatformServers).Assembly);

    public LocalInfrastructure Infra => _infra ?? throw new InvalidOperationException("Servers are not started.");

    public async ValueTask InitializeAsync()
    {
        _infra = await LocalInfrastructure.StartAsync(
            LocalInfraOptions.FromEnvironment(Path.Combine(RunDirectory, "servers"), RepositoryRoot),
            new Progress<string>(message => Console.Error.WriteLine($"[servers] {message}")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_infra is not null) await _infra.DisposeAsync();
    }

    public string ProjectAssembly(PlatformProject project) =>
        RepositoryLayout.ProjectAssembly(RepositoryRoot, project.Directory, project.AssemblyName, Configuration);
}
