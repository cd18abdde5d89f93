using Platform.LocalInfra;
using Platform.ServiceDefaults.Hosting;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// The six services and the gateway as real processes, wired the way the AppHost wires them
/// (connection strings, service discovery, OTEL_* variables), isolated under a test tag:
/// databases <c>{name}_{tag}</c>, vhost <c>{tag}</c>.
/// </summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    private readonly List<ProjectProcess> _processes = [];

    private RunningPlatform(string tag, DevCertificates certificates) => (Tag, _certificates) = (tag, certificates);

    private readonly DevCertificates _certificates;
    private Dictionary<string, string?>? _gatewayEnvironment;
    private readonly Dictionary<string, (Dictionary<string, string?> Environment, int Port)> _launches = [];
    private int _gateways;

    public string Tag { get; }

    /// <summary>The gateway's HTTPS address (its plain-HTTP one is <c>this[PlatformProject.Gateway].BaseAddress</c>).</summary>
    public Uri GatewayHttps { get; private set; } = null!;

    /// <summary>A client of the gateway over HTTPS, trusting the test CA; redirects are not followed.</summary>
    public HttpClient CreateGatewayClient() => new(CreateGatewayHandler()) { BaseAddress = GatewayHttps };

    public SocketsHttpHandler CreateGatewayHandler() => _certificates.CreateHandler();

    public IReadOnlyDictionary<string, ProjectProcess> Apps => _processes.ToDictionary(p => p.Name);

    public ProjectProcess this[PlatformProject project] => _processes.Single(p => p.Name == project.Name);

    public static async Task<RunningPlatform> StartAsync(
        PlatformServers servers,
        string tag,
        PostgresEndpoint? postgres = null,
        IReadOnlyDictionary<string, string?>? extraEnvironment = null,
        bool withGateway = true,
        IReadOnlyList<PlatformProject>? services = null)
    {
        var platform = new RunningPlatform(tag, servers.Certificates);
        try
        {
            await servers.Infra.RabbitMq.CreateVirtualHostAsync(tag);
            var environment = new Dictionary<string, string?>
            {
                ["ConnectionStrings__messaging"] = servers.Infra.RabbitMq.ConnectionString(tag),
                ["ConnectionStrings__redis"] = servers.Infra.Redis,
                ["OTEL_RESOURCE_ATTRIBUTES"] = $"deployment.environment=test,test.tag={tag}",
                ["Messaging__RetryMinInterval"] = "00:00:00.050",
                ["Messaging__RetryMaxInterval"] = "00:00:00.200",
                ["Messaging__AnnounceInterval"] = "00:00:01",
                ["Platform__AdminKey"] = TestSecrets.AdminKey,
                ["Tenancy__ApiKeys__HashKey"] = TestSecrets.ApiKeyHashKey,
                ["Tenancy__Anomalies__CheckInterval"] = "00:00:01",
                // A revocation or suspension reaches the gateway within a second, and subdomains
                // under tenants.test name tenants.
                ["Gateway__TenantResolution__CacheDuration"] = "00:00:01",
                ["Gateway__TenantResolution__NegativeCacheDuration"] = "00:00:01",
                ["Gateway__TenantResolution__BaseDomain"] = "tenants.test",
                // Platforms of one test run share a Redis; all their clients come from 127.0.0.1,
                // so the flood guard is out of the way unless a test sets its own limit.
                ["Gateway__Redis__KeyPrefix"] = tag + ":",
                ["Gateway__RateLimits__FloodGuard__RequestsPerWindow"] = "100000",
                // A slow client is cut off in seconds, not the production 10 s.
                ["Gateway__Limits__RequestHeadersTimeout"] = "00:00:02",
            };
            foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string?>()) environment[key] = value;

            // Services start in parallel on ports chosen up front, so each gets the others' addresses
            // as the AppHost gives them to its references (observability aggregates every service's
            // admin API; prediction asks tenancy for quota).
            var database = postgres ?? servers.Infra.Postgres;
            var projects = services ?? PlatformProject.Services;
            var ports = projects.ToDictionary(p => p.Name, _ => FreePort.Next());
            var started = await Task.WhenAll(projects.Select(project =>
            {
                var env = new Dictionary<string, string?>(environment)
                {
                    [$"ConnectionStrings__{project.Database}"] = database.ForDatabase($"{project.Database}_{tag}"),
                };
                if (project.UsesInlineIo) env.TryAdd(InlineIo.Variable, "1");
                foreach (var other in projects.Where(p => p != project))
                    env[$"services__{other.Name}__http__0"] = $"http://127.0.0.1:{ports[other.Name]}";
                lock (platform._launches) platform._launches[project.Name] = (env, ports[project.Name]);
                return Start(servers, project, env, tag, ports[project.Name]);
            }));
            platform._processes.AddRange(started);

            if (withGateway)
            {
                platform._gatewayEnvironment = new Dictionary<string, string?>(environment);
                if (PlatformProject.Gateway.UsesInlineIo) platform._gatewayEnvironment.TryAdd(InlineIo.Variable, "1");
                foreach (var service in started) platform._gatewayEnvironment[$"services__{service.Name}__http__0"] = service.BaseAddress.ToString();
                platform.GatewayHttps = (await platform.AddGatewayAsync(servers)).Https;
            }
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a gateway instance wired like the first (same services, same Redis key prefix), with
    /// both endpoints as in production: HTTPS for clients, plain HTTP for probes and the redirect.
    /// </summary>
    public async Task<GatewayInstance> AddGatewayAsync(PlatformServers servers, IReadOnlyDictionary<string, string?>? extraEnvironment = null)
    {
        var env = new Dictionary<string, string?>(_gatewayEnvironment ?? throw new InvalidOperationException("Started without a gateway."));
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string?>()) env[key] = value;
        var https = new HttpsEndpoint(FreePort.Next(), servers.Certificates.CertificatePath, servers.Certificates.KeyPath);
        var name = _gateways == 0 ? PlatformProject.Gateway.Name : $"{PlatformProject.Gateway.Name}-{_gateways + 1}";
        var logFile = Path.Combine(servers.RunDirectory, "logs", Tag, name + ".log");
        var gateway = await ProjectProcess.StartAsync(name, servers.ProjectAssembly(PlatformProject.Gateway), env, logFile, https: https);
        _processes.Add(gateway);
        _gateways++;
        return new GatewayInstance(gateway, https.Address, _certificates);
    }

    /// <summary>Stops one service, as an outage would: the others keep its address and fail to reach it.</summary>
    public async Task StopAsync(PlatformProject project)
    {
        var process = this[project];
        _processes.Remove(process);
        await process.DisposeAsync();
    }

    /// <summary>Starts a stopped service again, on its port and with its environment (its database is still there).</summary>
    public async Task StartAgainAsync(PlatformServers servers, PlatformProject project)
    {
        var (environment, port) = _launches[project.Name];
        _processes.Add(await Start(servers, project, environment, Tag, port));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
        _processes.Clear();
    }

    private static Task<ProjectProcess> Start(PlatformServers servers, PlatformProject project, Dictionary<string, string?> env, string tag, int port) =>
        ProjectProcess.StartAsync(
            project.Name,
            servers.ProjectAssembly(project),
            env,
            Path.Combine(servers.RunDirectory, "logs", tag, project.Name + ".log"),
            port: port);
}
