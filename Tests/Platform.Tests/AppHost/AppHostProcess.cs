using System.Net.Http.Json;
using Platform.LocalInfra;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.AppHost;

/// <summary>
/// The AppHost as a developer runs it (<c>./platform up</c>), started by a test the way
/// Aspire.Hosting.Testing starts one: own ports and data directory, driven through its API.
/// Every process it starts inherits a marker, so a test can prove none survives.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private AppHostProcess(ExternalProcess process, string marker, int httpPort, int httpsPort, int dashboardPort, string dataDirectory)
    {
        _process = process;
        Marker = marker;
        GatewayHttp = new Uri($"http://127.0.0.1:{httpPort}");
        GatewayHttps = new Uri($"https://127.0.0.1:{httpsPort}");
        Dashboard = new Uri($"http://127.0.0.1:{dashboardPort}");
        DataDirectory = dataDirectory;
        Api = new HttpClient { BaseAddress = Dashboard, Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Marker { get; }

    public Uri GatewayHttp { get; }

    public Uri GatewayHttps { get; }

    public Uri Dashboard { get; }

    public string DataDirectory { get; }

    public HttpClient Api { get; }

    /// <summary>
    /// The gateway over HTTPS, accepting exactly the development certificate this AppHost made
    /// (plain HTTP would only be redirected there).
    /// </summary>
    public HttpClient CreateGatewayClient()
    {
        using var issued = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
            Path.Combine(DataDirectory, "localhost-dev.pfx"), password: null);
        var pinned = issued.GetCertHashString();
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == pinned;
        return new HttpClient(handler) { BaseAddress = GatewayHttps };
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.ExitCode;

    public string Output => string.Join('\n', _process.Tail());

    public static AppHostProcess Start(PlatformServers servers, string tag, IReadOnlyDictionary<string, string?>? environment = null, int? gatewayHttpPort = null)
    {
        var marker = ProcessScan.NewMarker();
        var (http, https, dashboard) = (gatewayHttpPort ?? FreePort.Next(), FreePort.Next(), FreePort.Next());
        var dataDirectory = Path.Combine(servers.RunDirectory, "apphost", tag);
        var env = new Dictionary<string, string?>
        {
            [ProcessScan.MarkerVariable] = marker,
            ["AppHost__GatewayHttpPort"] = http.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AppHost__GatewayHttpsPort"] = https.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AppHost__DashboardPort"] = dashboard.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AppHost__DataDirectory"] = dataDirectory,
            ["AppHost__RestartBackoff"] = "00:00:00.500",
            ["AppHost__HealthInterval"] = "00:00:00.500",
            // The test process's own server connection strings must not leak into the AppHost.
            ["ConnectionStrings__postgres"] = null,
            ["ConnectionStrings__messaging"] = null,
            ["ConnectionStrings__redis"] = null,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) env[key] = value;
        var assembly = servers.ProjectAssembly(PlatformProject.AppHost);
        var process = ExternalProcess.Start("apphost", "dotnet", [assembly], Path.Combine(dataDirectory, "apphost.log"), env, Path.GetDirectoryName(assembly));
        return new AppHostProcess(process, marker, http, https, dashboard, dataDirectory);
    }

    public async Task<List<ResourceView>> ResourcesAsync() =>
        (await Api.GetFromJsonAsync<List<ResourceView>>("/api/resources", TestContext.Current.CancellationToken))!;

    public async Task<ResourceView> ResourceAsync(string name) =>
        (await Api.GetFromJsonAsync<ResourceView>($"/api/resources/{name}", TestContext.Current.CancellationToken))!;

    /// <summary>Waits until the API reports every resource Healthy; fails early if the AppHost exits.</summary>
    public Task<List<ResourceView>> WaitAllHealthyAsync(TimeSpan timeout) =>
        Eventually.Until(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"The AppHost exited with {_process.ExitCode}:\n{Output}");
            try
            {
                return await ResourcesAsync();
            }
            catch (HttpRequestException)
            {
                return []; // the dashboard is not listening yet
            }
        }, resources => resources.Count > 0 && resources.All(r => r.Health == "Healthy"), timeout, "every resource Healthy");

    /// <summary>What Ctrl-C does: SIGINT to the AppHost alone; returns its exit code.</summary>
    public async Task<int> InterruptAsync(TimeSpan timeout)
    {
        Native.Signal(_process.Id, Native.SigInt);
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode!.Value;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        // Whatever the test did, leave nothing behind: the AppHost's own shutdown first, then force.
        await _process.DisposeAsync();
        foreach (var pid in ProcessScan.WithMarker(Marker)) Native.Signal(pid, Native.SigKill);
    }
}
