using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.LocalInfra;

namespace Platform.Benchmarks;

/// <summary>Times a cold start: fresh data directories, a warm build.</summary>
public static class StartupBenchmark
{
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
