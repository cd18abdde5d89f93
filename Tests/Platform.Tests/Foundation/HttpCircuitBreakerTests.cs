using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>The circuit breaker in every HttpClient's pipeline, against a real failing endpoint.</summary>
public sealed class HttpCircuitBreakerTests
{
    [Fact]
    public async Task Repeated_failures_open_the_circuit_which_rejects_calls_without_sending_them_then_closes_after_a_success()
    {
        var calls = 0;
        var healthy = false;
        await using var app = await InProcessApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Resilience:Http:MaxRetryAttempts"] = "0",
                ["Resilience:Http:BreakerMinimumThroughput"] = "4",
                ["Resilience:Http:BreakerFailureRatio"] = "0.5",
                ["Resilience:Http:BreakerBreakDuration"] = "00:00:01",
            },
            web => web.MapGet("/dependency", () =>
            {
                Interlocked.Increment(ref calls);
                return Volatile.Read(ref healthy) ? Results.Ok() : Results.StatusCode(503);
            }));
        using var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("breaker-test");
        client.BaseAddress = new Uri("http://self");
        var cancel = TestContext.Current.CancellationToken;

        for (var i = 0; i < 4; i++)
        {
            using var failed = await client.GetAsync("/dependency", cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }
        await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetAsync("/dependency", cancel));
        Assert.Equal(4, calls); // the rejected call never reached the dependency

        Volatile.Write(ref healthy, true);
        await Task.Delay(TimeSpan.FromSeconds(1.2), cancel);
        using var probe = await client.GetAsync("/dependency", cancel);
        using var next = await client.GetAsync("/dependency", cancel);

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(6, calls);
    }

    [Fact]
    public async Task Refusals_about_the_caller_never_open_the_circuit()
    {
        var calls = 0;
        await using var app = await InProcessApp.StartAsync(
            new Dictionary<string, string?>
            {
                ["Resilience:Http:MaxRetryAttempts"] = "0",
                ["Resilience:Http:BreakerMinimumThroughput"] = "4",
                ["Resilience:Http:BreakerFailureRatio"] = "0.5",
            },
            web => web.MapPost("/quota", () =>
            {
                Interlocked.Increment(ref calls);
                return Results.Problem(statusCode: 429, title: "Quota exceeded");
            }));
        using var client = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient("breaker-test");
        client.BaseAddress = new Uri("http://self");
        var cancel = TestContext.Current.CancellationToken;

        // Ten refusals in a row, well past the breaker's threshold: every call still reaches the dependency.
        for (var i = 0; i < 10; i++)
        {
            using var refused = await client.PostAsync("/quota", null, cancel);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
        Assert.Equal(10, calls);
    }
}
