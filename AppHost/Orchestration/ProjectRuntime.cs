using Microsoft.Extensions.Logging;
using Platform.AppHost.Hosting;
using Platform.LocalInfra;

namespace Platform.AppHost.Orchestration;

/// <summary>
/// A .NET project run from its build output with the environment its references produce, the
/// way Aspire launches projects: configuration only through environment variables.
/// </summary>
public sealed class ProjectRuntime(
    ProjectResource project,
    string assemblyPath,
    string logDirectory,
    IReadOnlyDictionary<string, string?> platformEnvironment,
    SupervisionOptions options,
    ILogger logger) : SupervisedRuntime(project, options, logger)
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(3) };

    public ProjectResource Project { get; } = project;

    public override IReadOnlyList<string> Endpoints =>
        [.. new[] { Project.External ? Project.HttpUrl?.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) : Project.HttpUrl, Project.HttpsUrl }.OfType<string>()];

    protected override async Task<Instance> LaunchAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(assemblyPath))
            throw new InfraException(Name, $"{assemblyPath} not found. Build first: dotnet build Platform.sln");
        var port = Project.AllocatedHttpPort!.Value;
        foreach (var busy in new[] { port, Project.HttpsPort }.OfType<int>().Where(p => !FreePort.IsFree(p)))
            throw new InfraException(Name, $"port {busy} is already in use. Stop what uses it or choose another port (see README: AppHost ports).");

        var environment = new Dictionary<string, string?>(platformEnvironment)
        {
            ["ASPNETCORE_URLS"] = Project.HttpsPort is { } https
                ? $"http://localhost:{port};https://localhost:{https}"
                : $"http://127.0.0.1:{port}",
            ["ASPNETCORE_HTTP_PORTS"] = null,
            ["ASPNETCORE_HTTPS_PORTS"] = null,
            ["DOTNET_NOLOGO"] = "1",
            // Distinguishes restarts of the same resource in traces and metrics.
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{Guid.NewGuid().ToString("N")[..8]},deployment.environment=development",
        };
        foreach (var value in Project.Environment) environment[value.Name] = value.Resolve();

        var logFile = Path.Combine(logDirectory, Name + ".log");
        var process = ExternalProcess.Start(Name, "dotnet", [assemblyPath], logFile, environment, Path.GetDirectoryName(assemblyPath));
        process.OutputLine += Logs.Append;
        var instance = new Instance(process, () => process.StopAsync(TimeSpan.FromSeconds(10)));
        try
        {
            // Running means Kestrel answers; Healthy (all dependencies) is the health probe's call.
            var alive = new Uri($"http://127.0.0.1:{port}/alive");
            await Readiness.WaitAsync(Name, async ct =>
            {
                using var response = await Probe.GetAsync(alive, ct);
                return response.IsSuccessStatusCode;
            }, TimeSpan.FromSeconds(60), process, logFile, cancellationToken);
            // Kestrel answers on its first endpoint while it still loads the certificate for HTTPS.
            if (Project.HttpsPort is { } httpsPort)
            {
                await Readiness.WaitAsync(Name, ct => FreePort.AcceptsAsync("localhost", httpsPort, ct),
                    TimeSpan.FromSeconds(30), process, logFile, cancellationToken);
            }
            return instance;
        }
        catch
        {
            await instance.StopAsync();
            throw;
        }
    }

    public override async Task<ResourceHealth> ProbeAsync(CancellationToken cancellationToken)
    {
        if (State != ResourceState.Running || Project.HttpUrl is null) return ResourceHealth.Unknown;
        try
        {
            using var response = await Probe.GetAsync(new Uri(Project.HttpUrl + "/health"), cancellationToken);
            return response.IsSuccessStatusCode ? ResourceHealth.Healthy : ResourceHealth.Unhealthy;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return ResourceHealth.Unhealthy;
        }
    }
}
