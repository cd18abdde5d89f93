using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>Health, metrics and OpenAPI endpoints of every running app.</summary>
[Collection(PlatformCollection.Name)]
public sealed class DefaultEndpointsTests(PlatformFixture fixture)
{
    public static TheoryData<string> Apps => [.. PlatformProject.Services.Append(PlatformProject.Gateway).Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task Health_lists_every_dependency_as_healthy(string app)
    {
        using var client = fixture.Client(Find(app));

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["masstransit-bus"]);
        Assert.Equal("Healthy", app == "gateway" ? checks["redis"] : checks["postgres"]);
        foreach (var alias in new[] { "/health/ready", "/alive", "/health/live" })
        {
            using var aliased = await client.GetAsync(alias, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, aliased.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task Metrics_are_valid_prometheus_text_and_include_request_durations(string app)
    {
        using var client = fixture.Client(Find(app));
        // Generate at least one measured request so the HTTP histogram has a series.
        using (await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken)) { }

        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text);
        var (exitCode, output) = await Promtool.CheckMetricsAsync(text);
        Assert.True(exitCode == 0, $"promtool check metrics failed for {app}: {output}");
    }

    [Theory]
    [MemberData(nameof(Apps))]
    public async Task Each_app_serves_its_openapi_document(string app)
    {
        using var client = fixture.Client(Find(app));

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        Assert.Contains("Platform.", document.GetProperty("info").GetProperty("title").GetString());
    }

    private static PlatformProject Find(string name) =>
        PlatformProject.Services.Append(PlatformProject.Gateway).Single(p => p.Name == name);
}
