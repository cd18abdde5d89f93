using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.LocalInfra;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>
/// Services on a PostgreSQL server of their own, which the test really stops: /health must turn
/// 503 and name the database, while /alive stays 200 (an outage is no reason to restart).
/// </summary>
public sealed class DatabaseOutageTests(PlatformServers servers)
{
    [Fact]
    public async Task Every_service_reports_unhealthy_naming_the_database_when_it_stops()
    {
        var tag = TestTags.New("pg");
        await using var postgres = await PostgresServer.StartAsync(Path.Combine(servers.RunDirectory, "servers", tag), cancellationToken: TestContext.Current.CancellationToken);
        await using var platform = await RunningPlatform.StartAsync(servers, tag, postgres.Endpoint, withGateway: false);

        await postgres.StopAsync();

        foreach (var project in PlatformProject.Services)
        {
            using var client = new HttpClient { BaseAddress = platform[project].BaseAddress };
            using var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
            var report = await health.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", checks["postgres"].GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(checks["postgres"].GetProperty("error").GetString()));
            Assert.Equal("Healthy", checks["masstransit-bus"].GetProperty("status").GetString());

            using var alive = await client.GetAsync("/alive", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
    }
}
