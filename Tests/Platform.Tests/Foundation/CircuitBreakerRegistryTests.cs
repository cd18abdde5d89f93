using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Platform.ServiceDefaults.Resilience;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>The named breaker registry every service has, driven and steered through its admin API.</summary>
public sealed class CircuitBreakerRegistryTests
{
    private const string Breaker = CircuitBreakerNames.ModelScoring;

    [Fact]
    public async Task A_breaker_opens_at_its_threshold_rejects_fast_half_opens_after_the_break_and_closes_on_success()
    {
        var calls = 0;
        var mode = "fail";
        var trial = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await StartAsync(web => web.MapPost("/score", async (CircuitBreakerRegistry registry, CancellationToken ct) =>
        {
            try
            {
                return await registry.Get(Breaker).ExecuteAsync(async _ =>
                {
                    Interlocked.Increment(ref calls);
                    if (Volatile.Read(ref mode) == "fail") throw new InvalidOperationException("model failed");
                    if (Volatile.Read(ref mode) == "hold") await trial.Task;
                    return Results.Ok();
                }, ct);
            }
            catch (BrokenCircuitException)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }));
        using var client = app.CreateClient();
        var cancel = TestContext.Current.CancellationToken;

        for (var i = 0; i < 3; i++)
        {
            using var failed = await client.PostAsync("/score", null, cancel);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        }
        var open = await BreakerAsync(client);
        Assert.Equal("Open", open.GetProperty("state").GetString());
        Assert.Equal(3, open.GetProperty("failures").GetInt64());
        Assert.Equal(1, open.GetProperty("openings").GetInt64());
        Assert.Equal("Open", open.GetProperty("lastTransition").GetProperty("to").GetString());

        using (var rejected = await client.PostAsync("/score", null, cancel))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.StatusCode);
        Assert.Equal(3, calls); // rejected without running
        Assert.Equal(1, (await BreakerAsync(client)).GetProperty("rejectedCalls").GetInt64());
        var degraded = await DegradationAsync(client);
        Assert.Equal("Moderate", degraded.GetProperty("level").GetString());
        Assert.Contains(degraded.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains(Breaker, StringComparison.Ordinal));

        // After the break one trial call goes through; while it runs the breaker is half-open.
        Volatile.Write(ref mode, "hold");
        await Task.Delay(TimeSpan.FromSeconds(1.2), cancel);
        var trialCall = client.PostAsync("/score", null, cancel);
        await Eventually.Until(() => Task.FromResult(Volatile.Read(ref calls)), n => n == 4, TimeSpan.FromSeconds(5), "the trial call running");
        Assert.Equal("HalfOpen", (await BreakerAsync(client)).GetProperty("state").GetString());
        Assert.Equal("Minor", (await DegradationAsync(client)).GetProperty("level").GetString());
        trial.SetResult();
        using (var succeeded = await trialCall) Assert.Equal(HttpStatusCode.OK, succeeded.StatusCode);

        Assert.Equal("Closed", (await BreakerAsync(client)).GetProperty("state").GetString());
        Assert.Equal("Normal", (await DegradationAsync(client)).GetProperty("level").GetString());
        var metrics = await client.GetStringAsync("/metrics", cancel);
        Assert.Contains($"platform_circuit_breaker_state{{breaker=\"{Breaker}\"", metrics, StringComparison.Ordinal);
        Assert.Contains($"platform_circuit_breaker_rejections_total{{breaker=\"{Breaker}\"", metrics, StringComparison.Ordinal);
        Assert.Contains("platform_circuit_breaker_transitions_total{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operators_isolate_and_reset_a_breaker_and_override_the_degradation_level_through_the_admin_api()
    {
        var calls = 0;
        await using var app = await StartAsync(web => web.MapPost("/score", async (CircuitBreakerRegistry registry, CancellationToken ct) =>
        {
            try
            {
                return await registry.Get(Breaker).ExecuteAsync(_ => Task.FromResult(Results.Ok(Interlocked.Increment(ref calls))), ct);
            }
            catch (IsolatedCircuitException)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }));
        using var client = app.CreateClient();
        var cancel = TestContext.Current.CancellationToken;
        (await client.PostAsync("/score", null, cancel)).Dispose();

        using (var isolate = await client.PostAsync($"/admin/circuit-breakers/{Breaker}/isolate", null, cancel))
            Assert.Equal("Isolated", (await isolate.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("state").GetString());
        using (var rejected = await client.PostAsync("/score", null, cancel))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, rejected.StatusCode);
        Assert.Equal(1, calls);
        Assert.Equal("Moderate", (await DegradationAsync(client)).GetProperty("level").GetString());
        // A caller with a fallback gets it instead of the rejection.
        var breaker = app.Services.GetRequiredService<CircuitBreakerRegistry>().Get(Breaker);
        Assert.Equal("previous model", await breaker.ExecuteAsync(_ => Task.FromResult("active model"), cancel, _ => Task.FromResult("previous model")));

        using (var reset = await client.PostAsync($"/admin/circuit-breakers/{Breaker}/reset", null, cancel))
            Assert.Equal("Closed", (await reset.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(cancel)).GetProperty("state").GetString());
        using (var served = await client.PostAsync("/score", null, cancel)) Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(2, calls);

        var list = await client.GetFromJsonAsync<JsonElement[]>("/admin/circuit-breakers", cancel);
        Assert.Contains(list!, b => b.GetProperty("name").GetString() == Breaker && b.GetProperty("minimumThroughput").GetInt32() == 3);
        using (var missing = await client.GetAsync("/admin/circuit-breakers/no-such-breaker", cancel))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            await Problem.ReadAsync(missing);
        }

        using (var invalid = await client.PutAsJsonAsync("/admin/degradation", new { level = "Apocalyptic", reason = "x" }, cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Contains("Critical", (await Problem.ReadAsync(invalid)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using (var noReason = await client.PutAsJsonAsync("/admin/degradation", new { level = "Severe" }, cancel))
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using (var set = await client.PutAsJsonAsync("/admin/degradation", new { level = "severe", reason = "database failover in progress" }, cancel))
            set.EnsureSuccessStatusCode();
        var overridden = await DegradationAsync(client);
        Assert.Equal("Severe", overridden.GetProperty("level").GetString());
        Assert.Equal("Normal", overridden.GetProperty("derivedLevel").GetString());
        Assert.Equal("database failover in progress", overridden.GetProperty("override").GetProperty("reason").GetString());
        using (var clear = await client.DeleteAsync("/admin/degradation", cancel)) Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        Assert.Equal("Normal", (await DegradationAsync(client)).GetProperty("level").GetString());
    }

    private static Task<InProcessApp> StartAsync(Action<WebApplication> map) => InProcessApp.StartAsync(
        new Dictionary<string, string?>
        {
            // The design's model-scoring default is 3 failures; only the break is shortened here.
            [$"Resilience:CircuitBreakers:{Breaker}:BreakDuration"] = "00:00:01",
        },
        map);

    private static async Task<JsonElement> BreakerAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>($"/admin/circuit-breakers/{Breaker}", TestContext.Current.CancellationToken);

    private static async Task<JsonElement> DegradationAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/health/degradation", TestContext.Current.CancellationToken);
}
