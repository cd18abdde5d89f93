using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Platform.LocalInfra;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.AppHost;

/// <summary>
/// <c>./platform up</c> end to end: the AppHost starts its own servers, every service and the
/// gateway; the test uses the platform through the gateway, crashes a service, drives the
/// dashboard, presses Ctrl-C and checks that nothing is left running.
/// </summary>
public sealed class AppHostEndToEndTests(PlatformServers servers)
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Up_runs_everything_healthy_restarts_a_crashed_service_and_ctrl_c_leaves_nothing_behind()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var appHost = AppHostProcess.Start(servers, TestTags.New("up"));

        var resources = await appHost.WaitAllHealthyAsync(Startup);

        // Servers, a database per service, the services and the gateway, as Program.cs declares them.
        Assert.Equal(["Postgres", "Redis", "RabbitMQ"], resources.Where(r => r.Kind is "Postgres" or "Redis" or "Redis (Garnet)" or "RabbitMQ").Select(r => r.Kind.Split(' ')[0]));
        foreach (var project in PlatformProject.Services)
        {
            Assert.Contains(resources, r => r.Name == project.Name && r.Kind == "Project" && r.Pid is not null && r.State == "Running");
            Assert.Contains(resources, r => r.Name == project.Database && r.Kind == "PostgresDatabase");
        }
        var gateway = Assert.Single(resources, r => r.Name == "gateway");
        Assert.Contains(gateway.Endpoints, e => e.StartsWith("https://localhost:", StringComparison.Ordinal));
        await Eventually.Until(() => Task.FromResult(appHost.Output), o => o.Contains($"Dashboard: http://localhost:{appHost.Dashboard.Port}", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the resource table");

        using var client = appHost.CreateGatewayClient();
        // No admin key was given: the AppHost generated one, printed it once and stored it for the next run.
        var stored = (await File.ReadAllTextAsync(Path.Combine(appHost.DataDirectory, "secrets", "platform-admin-key"), cancel)).Trim();
        Assert.True(stored.Length >= 48);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(appHost.Output, System.Text.RegularExpressions.Regex.Escape(stored)));
        using (var admin = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/tenants"))
        {
            admin.Headers.Add("X-Admin-Key", stored);
            using var tenants = await client.SendAsync(admin, cancel);
            Assert.Equal(HttpStatusCode.OK, tenants.StatusCode);
        }

        // Plain HTTP is redirected to the HTTPS port with 308, so a POST stays a POST.
        using (var plain = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = appHost.GatewayHttp })
        using (var redirected = await plain.PostAsync("/v1/admin/tenants?page=2", null, cancel))
        {
            Assert.Equal(HttpStatusCode.PermanentRedirect, redirected.StatusCode);
            Assert.Equal(new Uri(appHost.GatewayHttps, "/v1/admin/tenants?page=2"), redirected.Headers.Location);
        }

        // With a tenant and its key made through the admin API, every service answers through the
        // gateway (its own 404 problem names the path it got).
        var tenantId = TestTags.New("up");
        using (var created = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/tenants") { Content = JsonContent.Create(new { id = tenantId, name = "AppHost clinic", tier = "basic" }) })
        {
            created.Headers.Add("X-Admin-Key", stored);
            using var tenant = await client.SendAsync(created, cancel);
            Assert.Equal(HttpStatusCode.Created, tenant.StatusCode);
        }
        string apiKey;
        using (var keyRequest = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/tenants/{tenantId}/api-keys") { Content = JsonContent.Create(new { name = "e2e" }) })
        {
            keyRequest.Headers.Add("X-Admin-Key", stored);
            using var key = await client.SendAsync(keyRequest, cancel);
            apiKey = (await key.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(cancel)).GetProperty("key").GetString()!;
        }
        foreach (var project in PlatformProject.Services)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{project.RoutePrefix}/no-such-resource");
            request.Headers.Add("X-API-Key", apiKey);
            using var response = await client.SendAsync(request, cancel);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var problem = await Problem.ReadAsync(response);
            Assert.Equal($"{project.RoutePrefix}/no-such-resource", problem.GetProperty("instance").GetString());
        }

        // HTTPS with the generated development certificate.
        X509Certificate2? presented = null;
        using var https = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate is null ? null : new X509Certificate2(certificate);
                return true;
            },
        }) { BaseAddress = appHost.GatewayHttps };
        using (var secureRequest = new HttpRequestMessage(HttpMethod.Get, "/v1/observability/services") { Headers = { { "X-API-Key", apiKey } } })
        using (var secure = await https.SendAsync(secureRequest, cancel))
        {
            Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        }
        Assert.Equal("CN=localhost", presented?.Subject);

        // A crashed service comes back, and the crash stays visible.
        var prediction = resources.Single(r => r.Name == "prediction");
        Native.Signal(prediction.Pid!.Value, Native.SigKill);
        var restarted = await Eventually.Until(() => appHost.ResourceAsync("prediction"),
            r => r.Restarts == 1 && r.Health == "Healthy" && r.Pid != prediction.Pid, TimeSpan.FromSeconds(60), "prediction restarted and healthy");
        Assert.Contains("exited with code", restarted.LastError);
        Assert.False(ProcessScan.IsRunning(prediction.Pid.Value));

        // The dashboard page, rendered by a real browser, lists every resource.
        var dom = await HeadlessChromium.DumpDomAsync(appHost.Dashboard, TimeSpan.FromSeconds(4));
        foreach (var resource in resources) Assert.Contains($"data-resource=\"{resource.Name}\"", dom);
        Assert.Contains($"{resources.Count} of {resources.Count} resources healthy", dom);

        // Stop and start through the dashboard's API.
        var notification = resources.Single(r => r.Name == "notification");
        using (var stop = await appHost.Api.PostAsync("/api/resources/notification/stop", null, cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        }
        var stopped = await appHost.ResourceAsync("notification");
        Assert.Equal("Stopped", stopped.State);
        Assert.Null(stopped.Pid);
        Assert.False(ProcessScan.IsRunning(notification.Pid!.Value));
        using (var start = await appHost.Api.PostAsync("/api/resources/notification/start", null, cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }
        await Eventually.Until(() => appHost.ResourceAsync("notification"), r => r.Health == "Healthy", TimeSpan.FromSeconds(60), "notification healthy again");

        // Ctrl-C: a clean exit, and not one process of the run is left.
        var before = ProcessScan.WithMarker(appHost.Marker);
        Assert.True(before.Count >= 10, $"expected the servers and apps to carry the marker, found {before.Count}");
        var exitCode = await appHost.InterruptAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(0, exitCode);
        var survivors = ProcessScan.WithMarker(appHost.Marker).Where(ProcessScan.IsRunning).ToList();
        Assert.True(survivors.Count == 0, $"still running: {string.Join(", ", survivors)}");
        Assert.Contains("stopping gateway", appHost.Output);
        Assert.True(appHost.Output.IndexOf("stopping gateway", StringComparison.Ordinal) < appHost.Output.IndexOf("stopping postgres", StringComparison.Ordinal),
            "the gateway stops before the servers");
    }
}
