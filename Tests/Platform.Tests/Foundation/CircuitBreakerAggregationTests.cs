using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>Every service's breakers through one admin API, on the running platform.</summary>
[Collection(PlatformCollection.Name)]
public sealed class CircuitBreakerAggregationTests(PlatformFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_gateway_lists_every_services_breakers_and_isolating_one_degrades_that_service_until_reset()
    {
        var all = await fixture.AdminGateway.GetFromJsonAsync<JsonElement[]>("/v1/admin/circuit-breakers", Cancel);
        Assert.Equal(PlatformProject.Services.Select(s => s.Name).Order(), all!.Select(s => s.GetProperty("service").GetString()).Order());
        foreach (var service in all!)
        {
            Assert.Equal(JsonValueKind.Null, service.GetProperty("error").ValueKind);
            // Every service with a database dispatches its outbox behind the database breaker.
            Assert.Contains(service.GetProperty("breakers").EnumerateArray(), b =>
                b.GetProperty("name").GetString() == "database" && b.GetProperty("minimumThroughput").GetInt32() == 10);
        }

        using var prediction = fixture.Client(PlatformProject.Prediction);
        try
        {
            using (var isolate = await fixture.AdminGateway.PostAsync("/v1/admin/circuit-breakers/prediction/database/isolate", null, Cancel))
                Assert.Equal("Isolated", (await isolate.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("state").GetString());
            var degradation = await prediction.GetFromJsonAsync<JsonElement>("/health/degradation", Cancel);
            Assert.Equal("Moderate", degradation.GetProperty("level").GetString());
            var summary = await fixture.AdminGateway.GetFromJsonAsync<JsonElement>("/v1/admin/circuit-breakers/summary", Cancel);
            Assert.Contains(summary.GetProperty("notClosed").EnumerateArray(), b => b.GetString() == "prediction/database");
            Assert.Equal(0, summary.GetProperty("unreachable").GetInt32());
        }
        finally
        {
            using var reset = await fixture.AdminGateway.PostAsync("/v1/admin/circuit-breakers/prediction/database/reset", null, Cancel);
            Assert.Equal("Closed", (await reset.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("state").GetString());
        }
        Assert.Equal("Normal", (await prediction.GetFromJsonAsync<JsonElement>("/health/degradation", Cancel)).GetProperty("level").GetString());

        using (var unknown = await fixture.AdminGateway.GetAsync("/v1/admin/circuit-breakers/no-such-service", Cancel))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            await Problem.ReadAsync(unknown);
        }
        using (var missing = await fixture.AdminGateway.PostAsync("/v1/admin/circuit-breakers/prediction/no-such-breaker/reset", null, Cancel))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            await Problem.ReadAsync(missing);
        }
    }
}
