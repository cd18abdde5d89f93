using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.AppHost;

/// <summary>External servers, and start-ups that cannot succeed: clear message, non-zero exit, no orphans.</summary>
public sealed class AppHostConfigurationTests(PlatformServers servers)
{
    [Fact]
    public async Task Connection_strings_given_to_the_apphost_replace_its_local_servers()
    {
        var tag = TestTags.New("ext");
        await using var appHost = AppHostProcess.Start(servers, tag, await ExternalServersAsync(tag));

        var resources = await appHost.WaitAllHealthyAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(["Postgres (external)", "Redis (external)", "RabbitMQ (external)"],
            resources.Where(r => r.Kind.EndsWith("(external)", StringComparison.Ordinal)).Select(r => r.Kind));
        Assert.All(resources.Where(r => r.Kind.EndsWith("(external)", StringComparison.Ordinal)), r => Assert.Null(r.Pid));
        // Only the platform's own .NET processes run: no server was started.
        Assert.All(ProcessScan.WithMarker(appHost.Marker), pid => Assert.Equal("dotnet", File.ReadAllText($"/proc/{pid}/comm").Trim()));
        // Through the gateway to a service whose database lives on the external server.
        using var client = appHost.CreateGatewayClient();
        var adminKey = (await File.ReadAllTextAsync(Path.Combine(appHost.DataDirectory, "secrets", "platform-admin-key"), TestContext.Current.CancellationToken)).Trim();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/tenants") { Headers = { { "X-Admin-Key", adminKey } } };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Console logs per resource, paged by line number.
        var page = await appHost.Api.GetFromJsonAsync<JsonElement>("/api/resources/observability/logs", TestContext.Current.CancellationToken);
        var lines = page.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()!).ToList();
        Assert.Contains(lines, l => l.Contains("Now listening on", StringComparison.Ordinal));
        var next = page.GetProperty("next").GetInt64();
        var later = await appHost.Api.GetFromJsonAsync<JsonElement>($"/api/resources/observability/logs?after={next}", TestContext.Current.CancellationToken);
        Assert.All(later.GetProperty("lines").EnumerateArray(), l => Assert.True(l.GetProperty("number").GetInt64() > next));
        using var unknown = await appHost.Api.GetAsync("/api/resources/no-such-resource/logs", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        Assert.Equal(0, await appHost.InterruptAsync(TimeSpan.FromSeconds(60)));
        Assert.DoesNotContain(ProcessScan.WithMarker(appHost.Marker), ProcessScan.IsRunning);
    }

    [Fact]
    public async Task A_busy_gateway_port_stops_start_up_with_the_resource_and_port_named()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var tag = TestTags.New("busy");
        await using var appHost = AppHostProcess.Start(servers, tag, await ExternalServersAsync(tag), gatewayHttpPort: port);

        var exitCode = await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"gateway: port {port} is already in use", appHost.Output);
        Assert.DoesNotContain(ProcessScan.WithMarker(appHost.Marker), ProcessScan.IsRunning);
    }

    [Fact]
    public async Task A_service_that_crashes_at_start_up_fails_it_in_bounded_time_naming_the_service()
    {
        var tag = TestTags.New("crash");
        var environment = await ExternalServersAsync(tag);
        // Out of range: every service refuses to start (options are validated at start-up).
        environment["Messaging__RetryLimit"] = "999";
        await using var appHost = AppHostProcess.Start(servers, tag, environment);

        var exitCode = await appHost.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(1, exitCode);
        Assert.Contains("startup failed", appHost.Output);
        Assert.Matches(@"(tenancy|prediction|notification|alerting|rag|observability): FailedToStart", appHost.Output);
        Assert.Contains("exited with code", appHost.Output);
        Assert.DoesNotContain(ProcessScan.WithMarker(appHost.Marker), ProcessScan.IsRunning);
    }

    private async Task<Dictionary<string, string?>> ExternalServersAsync(string tag)
    {
        await servers.Infra.RabbitMq.CreateVirtualHostAsync(tag, TestContext.Current.CancellationToken);
        return new Dictionary<string, string?>
        {
            ["ConnectionStrings__postgres"] = servers.Infra.Postgres.ConnectionString,
            ["ConnectionStrings__messaging"] = servers.Infra.RabbitMq.ConnectionString(tag),
            ["ConnectionStrings__redis"] = servers.Infra.Redis,
        };
    }
}
