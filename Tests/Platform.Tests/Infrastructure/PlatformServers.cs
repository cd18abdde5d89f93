using Platform.LocalInfra;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// PostgreSQL, RabbitMQ and Redis, started once per test run (or taken from
/// ConnectionStrings__* when set). Test classes get their own databases, vhost and key prefix.
/// </summary>
public sealed class PlatformServers : IAsyncLifetime
{
    private LocalInfrastructure? _infra;
    private readonly Lazy<DevCertificates> _certificates;

    public PlatformServers() =>
        _certificates = new(() => DevCertificates.Create(RepositoryRoot, Path.Combine(RunDirectory, "certs")));

    public string RepositoryRoot { get; } = RepositoryLayout.FindRoot();

    /// <summary>Per-run directory; <c>./platform test</c> passes one so it can clean up after a crash.</summary>
    public string RunDirectory { get; } = GivenRunDirectory ?? Path.Combine(Path.GetTempPath(), $"platform-tests-{Environment.ProcessId}");

    private static string? GivenRunDirectory =>
        Environment.GetEnvironmentVariable("PLATFORM_RUN_DIR") is { Length: > 0 } dir ? dir : null;

    public string Configuration { get; } = RepositoryLayout.ConfigurationOf(typeof(PlatformServers).Assembly);

    /// <summary>The gateway's HTTPS certificate and the CA clients trust, made on first use.</summary>
    public DevCertificates Certificates => _certificates.Value;

    public LocalInfrastructure Infra => _infra ?? throw new InvalidOperationException("Servers are not started.");

    public async ValueTask InitializeAsync()
    {
        _infra = await LocalInfrastructure.StartAsync(
            LocalInfraOptions.FromEnvironment(Path.Combine(RunDirectory, "servers"), RepositoryRoot),
            new ImmediateProgress(message => Console.Error.WriteLine($"[servers] {message}")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_infra is not null) await _infra.DisposeAsync();
        // Without ./platform test nobody else removes the server data (~200 MB a run); the
        // services' logs stay for reading.
        if (GivenRunDirectory is null) Directory.Delete(Path.Combine(RunDirectory, "servers"), recursive: true);
    }

    public string ProjectAssembly(PlatformProject project) =>
        RepositoryLayout.ProjectAssembly(RepositoryRoot, project.Directory, project.AssemblyName, Configuration);
}
