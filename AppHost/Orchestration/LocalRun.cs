using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Platform.AppHost.Dashboard;
using Platform.AppHost.Hosting;
using Platform.LocalInfra;

namespace Platform.AppHost.Orchestration;

/// <summary><c>dotnet run --project AppHost</c>: everything up, a table, then run until Ctrl-C or SIGTERM.</summary>
public static class LocalRun
{
    public static async Task<int> RunAsync(IReadOnlyList<Resource> resources, AppHostOptions options, IConfiguration configuration, string root)
    {
        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? Path.Combine(root, ".platform", "apphost"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var progress = new ImmediateProgress(message => Console.WriteLine($"[{clock.Elapsed.TotalSeconds,5:0.0}s] {message}"));
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("Platform.AppHost");

        using var stopping = new CancellationTokenSource();
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopping.Cancel(); });
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.Cancel(); });

        if (!FreePort.IsFree(options.DashboardPort))
            return Fail($"dashboard: port {options.DashboardPort} is already in use. Stop what uses it or set AppHost__DashboardPort.");
        LocalSecrets.Resolve(resources.OfType<ParameterResource>(), configuration, dataDirectory, progress.Report);
        // The configured ports are bound only once their owners start: until then they look free,
        // and a service given one of them would fail to start for good (seen in a suite run).
        FreePort.Reserve([options.DashboardPort, .. resources.OfType<ProjectResource>().SelectMany(p => new[] { p.HttpPort, p.HttpsPort }).OfType<int>()]);
        List<ResourceRuntime> runtimes;
        try
        {
            runtimes = CreateRuntimes(resources, options, configuration, root, dataDirectory, logger);
        }
        catch (InfraException error)
        {
            return Fail(error.Message);
        }

        await using var orchestrator = new Orchestrator(runtimes, options, logger, progress);
        await using var dashboard = await DashboardServer.StartAsync(orchestrator, options.DashboardPort);
        var dashboardUrl = $"http://localhost:{options.DashboardPort}";
        progress.Report($"dashboard: {dashboardUrl} (data and logs in {dataDirectory})");
        try
        {
            await orchestrator.StartAsync(stopping.Token);
        }
        catch (InfraException error)
        {
            Console.Error.WriteLine(error.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            progress.Report("interrupted while starting");
            return 130;
        }

        Console.WriteLine();
        Console.WriteLine(ResourceTable.Render(orchestrator.Runtimes.Select(r => r.Snapshot()), dashboardUrl));
        progress.Report("all resources healthy; press Ctrl-C to stop");
        await Task.Delay(Timeout.Infinite, stopping.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
        progress.Report("stopping");
        return 0;
    }

    private static List<ResourceRuntime> CreateRuntimes(
        IReadOnlyList<Resource> resources, AppHostOptions options, IConfiguration configuration, string root, string dataDirectory, ILogger logger)
    {
        var supervision = new SupervisionOptions { InitialBackoff = options.RestartBackoff };
        var assemblyConfiguration = RepositoryLayout.ConfigurationOf(typeof(LocalRun).Assembly);
        var projectEnvironment = ProjectEnvironment(configuration, dataDirectory);
        var runtimes = new Dictionary<Resource, ResourceRuntime>();
        foreach (var resource in resources)
        {
            ResourceRuntime? runtime = resource switch
            {
                ServerResource { IsExternal: true } server => new ExternalServerRuntime(server),
                PostgresServerResource postgres => new PostgresRuntime(postgres, Path.Combine(dataDirectory, postgres.Name), supervision, logger),
                RabbitMQServerResource rabbit => new RabbitMqRuntime(rabbit, Path.Combine(dataDirectory, rabbit.Name), supervision, logger),
                RedisResource redis => new RedisRuntime(redis, Path.Combine(dataDirectory, redis.Name), root, supervision, logger),
                PostgresDatabaseResource database => new DatabaseRuntime(database, runtimes[database.Server]),
                ProjectResource project => CreateProject(project, root, assemblyConfiguration, dataDirectory, projectEnvironment, supervision, logger),
                _ => null, // parameters only matter to deployment manifests
            };
            if (runtime is not null) runtimes[resource] = runtime;
        }
        return [.. runtimes.Values];
    }

    private static ProjectRuntime CreateProject(
        ProjectResource project, string root, string configuration, string dataDirectory,
        IReadOnlyDictionary<string, string?> environment, SupervisionOptions supervision, ILogger logger)
    {
        foreach (var port in new[] { project.HttpPort, project.HttpsPort }.OfType<int>())
        {
            if (!FreePort.IsFree(port))
                throw new InfraException(project.Name, $"port {port} is already in use. Stop what uses it or choose another port (AppHost__GatewayHttpPort / AppHost__GatewayHttpsPort).");
        }
        project.AllocatedHttpPort = project.HttpPort ?? FreePort.Next();
        var projectDirectory = Path.GetDirectoryName(project.ProjectPath)!;
        var assembly = RepositoryLayout.ProjectAssembly(root, projectDirectory, project.AssemblyName, configuration);
        var env = new Dictionary<string, string?>(environment);
        if (project.HttpsPort is not null)
        {
            env["Kestrel__Certificates__Default__Path"] = DevelopmentCertificate.Ensure(dataDirectory);
        }
        return new ProjectRuntime(project, assembly, Path.Combine(dataDirectory, "logs"), env, supervision, logger);
    }

    // What every project gets from the AppHost itself, beyond its references.
    private static Dictionary<string, string?> ProjectEnvironment(IConfiguration configuration, string dataDirectory)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            // Tells a process it runs under this AppHost (and lets tooling find strays).
            ["PLATFORM_APPHOST_DATA"] = dataDirectory,
        };
        foreach (var key in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS" })
        {
            if (configuration[key] is { Length: > 0 } value) environment[key] = value;
        }
        return environment;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"apphost: {message}");
        return 1;
    }
}
