using System.Globalization;
using Platform.LocalInfra;

namespace Platform.Benchmarks.Gateway;

/// <summary>
/// The gateway's cost per request, one run, one backend: wrk straight to the backend, through the
/// gateway with every feature on (HTTPS, tenant resolution, Redis rate limits and flood guard,
/// request log, security headers), through nginx as a plain TLS reverse proxy, and through YARP
/// alone over TLS (the framework's own cost, the most any YARP gateway could reach here); then
/// an open-loop run at half the gateway's saturation for the latency each proxy adds.
/// </summary>
public static class GatewayBenchmark
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    // The JIT keeps tiering the gateway's hot path up for ~20 s on two shared cores (measured: 1,200,
    // 2,300, 3,500 then ~4,000 requests/s in consecutive 8 s runs): shorter warm-ups measure the JIT.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(25);
    private const int Connections = 32;

    public static async Task<bool> RunAsync(string root, string directory)
    {
        Console.WriteLine("gateway: starting PostgreSQL, RabbitMQ and Redis …");
        await using var infra = await LocalInfrastructure.StartAsync(
            new LocalInfraOptions { RunDirectory = Path.Combine(directory, "servers"), RepositoryRoot = root }, new Progress<string>(m => Console.WriteLine($"  {m}")));
        await infra.RabbitMq.CreateVirtualHostAsync("bench-gateway");
        var certificates = Path.Combine(directory, "certs");
        BenchGateway.Certificates(root, certificates);

        await using var backend = await PingBackend.StartAsync(FreePort.Next());
        var common = new Dictionary<string, string?>
        {
            ["ConnectionStrings__messaging"] = infra.RabbitMq.ConnectionString("bench-gateway"),
            ["ConnectionStrings__redis"] = infra.Redis,
            ["Platform__AdminKey"] = BenchGateway.AdminKey,
            ["Tenancy__ApiKeys__HashKey"] = "bench-hash-key-0123456789abcdef0123456789",
            // Limits are checked on every request but never reached: the benchmark measures the check.
            ["Tenancy__Tiers__Enterprise__RequestsPerMinute"] = "1000000000",
            ["Tenancy__Tiers__Enterprise__Burst"] = "1000000000",
        };
        Console.WriteLine("gateway: starting the tenancy service and the gateway (Release) …");
        var tenancyPort = FreePort.Next();
        await using var tenancy = await ProjectProcess.StartAsync("tenancy", RepositoryLayout.ProjectAssembly(root, "Services/Tenancy", "Platform.Tenancy", "Release"),
            new Dictionary<string, string?>(common) { ["ConnectionStrings__tenancydb"] = infra.Postgres.ForDatabase("tenancydb_bench") },
            Path.Combine(directory, "tenancy.log"), port: tenancyPort);
        var services = new Dictionary<string, Uri> { ["tenancy"] = tenancy.BaseAddress, ["prediction"] = backend.Address };
        await using var gateway = await BenchGateway.StartAsync(root, directory, "gateway", common, services, certificates, new Dictionary<string, string?>());
        var key = await gateway.TenantKeyAsync(certificates, "bench-clinic");

        await using var nginx = await NginxProxy.StartAsync(Path.Combine(directory, "nginx"), backend.Address,
            Path.Combine(certificates, "gateway-chain.crt"), Path.Combine(certificates, "gateway.key"), FreePort.Next());

        await using var bare = await StartBareProxyAsync(root, directory, backend.Address, certificates);

        var headers = new Dictionary<string, string> { ["X-API-Key"] = key };
        var targets = new (string Name, Uri Url)[]
        {
            ("direct to the backend (HTTP)", new Uri(backend.Address, PingBackend.Path)),
            ("gateway, every feature on (HTTPS)", new Uri(gateway.Url, PingBackend.Path)),
            ("nginx reverse proxy (HTTPS)", new Uri(nginx.Address, PingBackend.Path)),
            ("YARP alone (HTTPS)", new Uri(bare.Url, PingBackend.Path)),
        };
        var results = new List<WrkRun>();
        foreach (var (name, url) in targets)
        {
            Console.WriteLine($"gateway: wrk {name}: {WarmUp.TotalSeconds:0} s warm-up, then {Duration.TotalSeconds:0} s, {Connections} connections …");
            await WrkRun.RunAsync(name, url, WarmUp, Connections, headers);
            results.Add(await WrkRun.RunAsync(name, url, Duration, Connections, headers));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {results[^1].RequestsPerSecond:0} requests/s, p50 {results[^1].P50Milliseconds:0.00} ms, p99 {results[^1].P99Milliseconds:0.00} ms, {results[^1].Errors} errors"));
        }
        var (direct, viaGateway, viaNginx, viaYarp) = (results[0], results[1], results[2], results[3]);

        // Where the gateway's time goes: the same run with one feature off at a time (not targets).
        var variants = new (string Name, Dictionary<string, string?> Environment)[]
        {
            ("gateway, no Redis checks", new() { ["Gateway__RateLimits__Enabled"] = "false", ["Gateway__RateLimits__FloodGuard__Enabled"] = "false" }),
            ("gateway, no request log", new() { ["Logging__LogLevel__Platform.Gateway.Logging.RequestLogMiddleware"] = "Warning" }),
            ("gateway, neither", new() { ["Gateway__RateLimits__Enabled"] = "false", ["Gateway__RateLimits__FloodGuard__Enabled"] = "false", ["Logging__LogLevel__Platform.Gateway.Logging.RequestLogMiddleware"] = "Warning" }),
            // Runtime settings, every feature on: on two cores shared with the load generator, spinning
            // thread-pool workers and server GC threads compete with the work itself.
            ("gateway, workstation GC, no spinning", new() { ["DOTNET_gcServer"] = "0", ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" }),
            // Completions handed to the thread pool, as before inline I/O (ServiceDefaults/Hosting/InlineIo.cs).
            ("gateway, thread-pool I/O", new() { [BenchGateway.InlineIo] = null }),
        };
        foreach (var (name, environment) in variants)
        {
            await using var variant = await BenchGateway.StartAsync(root, directory, "gateway-" + results.Count, common, services, certificates, environment);
            Console.WriteLine($"gateway: wrk {name}: {WarmUp.TotalSeconds:0} s warm-up, then {Duration.TotalSeconds:0} s …");
            await WrkRun.RunAsync(name, new Uri(variant.Url, PingBackend.Path), WarmUp, Connections, headers);
            results.Add(await WrkRun.RunAsync(name, new Uri(variant.Url, PingBackend.Path), Duration, Connections, headers));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {results[^1].RequestsPerSecond:0} requests/s"));
        }

        var half = viaGateway.RequestsPerSecond / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gateway: open loop at {half:0} requests/s (half the gateway's saturation) for {Duration.TotalSeconds:0} s, direct then gateway …"));
        using var directClient = BenchGateway.Client(backend.Address, certificates, key);
        using var gatewayClient = BenchGateway.Client(gateway.Url, certificates, key);
        using var yarpClient = BenchGateway.Client(bare.Url, certificates, key);
        await PacedLoad.RunAsync(directClient, PingBackend.Path, half, TimeSpan.FromSeconds(3));
        var pacedDirect = await PacedLoad.RunAsync(directClient, PingBackend.Path, half, Duration);
        await PacedLoad.RunAsync(gatewayClient, PingBackend.Path, half, TimeSpan.FromSeconds(3));
        var pacedGateway = await PacedLoad.RunAsync(gatewayClient, PingBackend.Path, half, Duration);
        await PacedLoad.RunAsync(yarpClient, PingBackend.Path, half, TimeSpan.FromSeconds(3));
        var pacedYarp = await PacedLoad.RunAsync(yarpClient, PingBackend.Path, half, Duration);
        var added = pacedGateway.P99Milliseconds - pacedDirect.P99Milliseconds;

        Console.WriteLine();
        Console.WriteLine($"{"path",-36} {"requests/s",11} {"p50 ms",8} {"p99 ms",8} {"vs nginx",9}");
        foreach (var r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Target,-36} {r.RequestsPerSecond,11:0} {r.P50Milliseconds,8:0.00} {r.P99Milliseconds,8:0.00} {r.RequestsPerSecond / viaNginx.RequestsPerSecond,8:0.00}x"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open loop at {half:0}/s: direct p50 {pacedDirect.P50Milliseconds:0.00} ms p99 {pacedDirect.P99Milliseconds:0.00} ms; gateway p50 {pacedGateway.P50Milliseconds:0.00} ms p99 {pacedGateway.P99Milliseconds:0.00} ms; YARP alone p50 {pacedYarp.P50Milliseconds:0.00} ms p99 {pacedYarp.P99Milliseconds:0.00} ms ({pacedDirect.Failures + pacedGateway.Failures + pacedYarp.Failures} failures; the host stole {pacedDirect.StealPercent:0.0}, {pacedGateway.StealPercent:0.0} and {pacedYarp.StealPercent:0.0} % of the CPU)"));
        if (pacedGateway.ScannerCpuPercent is { } scanner)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the host's memory scanner (kdamond) ran {pacedDirect.ScannerCpuPercent:0.0}, {scanner:0.0} and {pacedYarp.ScannerCpuPercent:0.0} % of a CPU during those three runs, and its scans overlapped {pacedDirect.ScannedRequests:N0}, {pacedGateway.ScannedRequests:N0} and {pacedYarp.ScannedRequests:N0} of their requests; without those: direct p99 {pacedDirect.UnscannedP99Milliseconds:0.00} ms, gateway p99 {pacedGateway.UnscannedP99Milliseconds:0.00} ms, YARP alone p99 {pacedYarp.UnscannedP99Milliseconds:0.00} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"YARP alone reaches {viaYarp.RequestsPerSecond / viaNginx.RequestsPerSecond:0.00}x nginx and adds {pacedYarp.P99Milliseconds - pacedDirect.P99Milliseconds:0.00} ms to p99; the gateway's features keep {viaGateway.RequestsPerSecond / viaYarp.RequestsPerSecond:0.00}x of YARP alone"));

        var targetsMet = new (string What, bool Met)[]
        {
            (string.Create(CultureInfo.InvariantCulture, $"gateway >= 0.8x nginx requests/s ({viaGateway.RequestsPerSecond / viaNginx.RequestsPerSecond:0.00}x)"), viaGateway.RequestsPerSecond >= 0.8 * viaNginx.RequestsPerSecond),
            (string.Create(CultureInfo.InvariantCulture, $"p99 added over direct <= 2 ms at half saturation ({added:0.00} ms)"), added <= 2),
            ($"no errors ({results.Sum(r => r.Errors)} in wrk runs)", results.All(r => r.Errors == 0) && pacedDirect.Failures + pacedGateway.Failures + pacedYarp.Failures == 0),
        };
        Console.WriteLine();
        foreach (var (what, met) in targetsMet) Console.WriteLine($"target {what}: {(met ? "met" : "MISSED")}");
        return targetsMet.All(t => t.Met);
    }

    private static async Task<BenchGateway> StartBareProxyAsync(string root, string directory, Uri backend, string certificates)
    {
        var https = BenchGateway.HttpsOnFreePort(certificates);
        var process = await ProjectProcess.StartAsync("yarp-alone", RepositoryLayout.ProjectAssembly(root, "bench/Platform.Benchmarks.BareProxy", "Platform.Benchmarks.BareProxy", "Release"),
            new Dictionary<string, string?> { ["BareProxy__Destination"] = backend.ToString() }, Path.Combine(directory, "yarp-alone.log"), readinessPath: "/alive", https: https);
        return new BenchGateway(process, https.Address);
    }
}
