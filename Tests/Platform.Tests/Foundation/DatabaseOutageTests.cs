using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.LocalInfra;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>
/// Services on a PostgreSQL server of their own, which the test really stops: /health must turn
/// 503 and name the database, while /alive stays 200 (an outage is no reason to restart); requests
/// that need the database get a 503 problem, except resolves the tenancy service has just answered.
/// </summary>
public sealed class DatabaseOutageTests(PlatformServers servers)
{
    [Fact]
    public async Task Every_service_reports_unhealthy_naming_the_database_when_it_stops()
    {
        var tag = TestTags.New("pg");
        await using var postgres = await PostgresServer.StartAsync(Path.Combine(servers.RunDirectory, "servers", tag), cancellationToken: TestContext.Current.CancellationToken);
        await using var platform = await RunningPlatform.StartAsync(servers, tag, postgres.Endpoint, withGateway: false);

        // A caller the tenancy service has just resolved, before the outage.
        using var tenancy = new HttpClient { BaseAddress = platform[PlatformProject.Tenancy].BaseAddress, DefaultRequestHeaders = { { "X-Admin-Key", TestSecrets.AdminKey } } };
        var tenantId = TestTags.New("o");
        using (var created = await tenancy.PostAsJsonAsync("/v1/admin/tenants", new { id = tenantId, name = "Outage clinic", tier = "basic" }, TestContext.Current.CancellationToken))
            created.EnsureSuccessStatusCode();
        string key;
        using (var issued = await tenancy.PostAsJsonAsync($"/v1/admin/tenants/{tenantId}/api-keys", new { name = "ehr" }, TestContext.Current.CancellationToken))
            key = (await issued.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("key").GetString()!;
        using (var resolved = await tenancy.PostAsJsonAsync("/internal/resolve", new { apiKey = key }, TestContext.Current.CancellationToken))
            Assert.Equal("database", resolved.EnsureSuccessStatusCode().Headers.GetValues("X-Resolve-Source").Single());

        await postgres.StopAsync();

        // Through the outage the recently seen key still resolves, saying so; anything else is a clear 503.
        using (var cached = await tenancy.PostAsJsonAsync("/internal/resolve", new { apiKey = key }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.Equal("cache", cached.Headers.GetValues("X-Resolve-Source").Single());
            Assert.Equal(tenantId, (await cached.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("tenantId").GetString());
        }
        using (var unseen = await tenancy.PostAsJsonAsync("/internal/resolve", new { apiKey = key[..^4] + "AAAA" }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(("resolve unseen", HttpStatusCode.ServiceUnavailable), ("resolve unseen", unseen.StatusCode));
            Assert.Equal("Database unavailable", (await Problem.ReadAsync(unseen)).GetProperty("title").GetString());
        }
        using (var admin = await tenancy.GetAsync("/v1/admin/tenants", TestContext.Current.CancellationToken))
        {
            Assert.Equal(("admin list", HttpStatusCode.ServiceUnavailable), ("admin list", admin.StatusCode));
            Assert.NotNull(admin.Headers.RetryAfter);
            await Problem.ReadAsync(admin);
        }

        foreach (var project in PlatformProject.Services)
        {
            using var client = new HttpClient { BaseAddress = platform[project].BaseAddress };
            using var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
            var report = await health.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

            Assert.Equal((project.Name, HttpStatusCode.ServiceUnavailable), (project.Name, health.StatusCode));
            Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", checks["postgres"].GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(checks["postgres"].GetProperty("error").GetString()));
            Assert.Equal("Healthy", checks["masstransit-bus"].GetProperty("status").GetString());

            using var alive = await client.GetAsync("/alive", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
    }
}
