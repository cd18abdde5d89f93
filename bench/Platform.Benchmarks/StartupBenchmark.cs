using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.LocalInfra;

namespace Platform.Benchmarks;

/// <summary>Times a cold start: fresh data directories, a warm build.</summary>
public static class StartupBenchmark
{
    /// <summary>The AppHost from process start to all-Healthy, against the floor any start pays (the servers alone).</summary>
    public static async Task<bool> RunAsync(string root, string scratch, int runs)
    {
        var baseline = new List<TimeSpan>();
        var startup = new List<TimeSpan>();
        for (var run = 1; run <= runs; run++)
        {
            Console.WriteLine($"run {run}/{runs}: servers only …");
            baseline.Add(await ServersOnlyAsync(root, Path.Combine(scratch, $"servers-{run}")));
            Console.WriteLine($"run {run}/{runs}: ./platform up (AppHost to all Healthy) …");
            startup.Add(await AppHostAsync(root, Path.Combine(scratch, $"apphost-{run}")));
        }

        var up = Median(startup);
        var floor = Median(baseline);
        Console.WriteLine();
        Console.WriteLine($"servers only (baseline)   median {floor.TotalSeconds,6:0.0} s   runs: {string.Join(", ", baseline.Select(t => $"{t.TotalSeconds:0.0}"))}");
        Console.WriteLine($"apphost to all Healthy    median {up.TotalSeconds,6:0.0} s   runs: {string.Join(", ", startup.Select(t => $"{t.TotalSeconds:0.0}"))}");
        Console.WriteLine($"ratio apphost / baseline  {up / floor:0.00}x");
        Console.WriteLine($"target apphost to all Healthy < 45.0 s: {(up.TotalSeconds < 45 ? "met" : "MISSED")}");
        return up.TotalSeconds < 45;
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);

    public static async Task<TimeSpan> ServersOnlyAsync(string root, string directory)
    {
        var clock = Stopwatch.StartNew();
        await using var infra = await LocalInfrastructure.StartAsync(new LocalInfraOptions { RunDirectory = directory, RepositoryRoot = root });
        return clock.Elapsed;
    }

    public static async Task<TimeSpan> AppHostAsync(string root, string directory)
    {
        var dashboard = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["AppHost__DataDirectory"] = directory,
            ["AppHost__DashboardPort"] = dashboard.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AppHost__GatewayHttpPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AppHost__GatewayHttpsPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ConnectionStrings__postgres"] = null,
            ["ConnectionStrings__messaging"] = null,
            ["ConnectionStrings__redis"] = null,
        };
        var assembly = RepositoryLayout.ProjectAssembly(root, "AppHost", "Platform.AppHost", RepositoryLayout.ConfigurationOf(typeof(StartupBenchmark).Assembly));
        var clock = Stopwatch.StartNew();
        await using var appHost = ExternalProcess.Start("apphost", "dotnet", [assembly], Path.Combine(directory, "apphost.log"), environment, Path.GetDirectoryName(assembly));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboard}"), Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (appHost.HasExited) throw new InvalidOperationException($"the AppHost exited with {appHost.ExitCode}: {string.Join('\n', appHost.Tail())}");
            try
            {
                var resources = await client.GetFromJsonAsync<JsonElement[]>("/api/resources");
                if (resources is { Length: > 0 } && resources.All(r => r.GetProperty("health").GetString() == "Healthy")) return clock.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Dashboard not up yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the AppHost was not all-Healthy within 3 minutes");
    }
}
