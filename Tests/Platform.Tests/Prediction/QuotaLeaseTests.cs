using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Tenancy;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;
using static Platform.Tests.Prediction.PredictionRequests;

namespace Platform.Tests.Prediction;

/// <summary>
/// Single predictions spend prediction quota leased ahead from tenancy, sized by the tenant's
/// recent demand: the quota is still never exceeded, and what a lease did not spend goes back to
/// tenancy when it expires or when the service stops. Real tenancy, prediction and gateway.
/// </summary>
public sealed class QuotaLeaseTests(PlatformServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Leases_follow_demand_and_whatever_they_hold_goes_back_when_the_service_stops()
    {
        // Leases live long here, so what one holds stays visible until the service stops.
        await using var platform = await RunningPlatform.StartAsync(servers, TestTags.New("lease"), services: [PlatformProject.Tenancy, PlatformProject.Prediction],
            extraEnvironment: new Dictionary<string, string?> { ["Prediction__QuotaLeases__Duration"] = "00:01:00" });
        using var tenancy = TenancyClient.Of(platform);
        using var client = await tenancy.NewTenantClientAsync(platform, TestTags.New("lease"));

        // No demand yet: one unit; one prediction in this window: one unit; two: a lease of two, one
        // kept. The kept unit pays for the fourth, which leaves the lease empty: the next one, of
        // four (the demand so far), is taken in the background, and pays for the fifth.
        await PredictEachAsync(client, 1, 2, 4);
        await PredictAsync(client, HttpStatusCode.Created);
        await SettledUsageAsync(client, 8);
        await PredictEachAsync(client, 8);

        // Stopping gives back the three held units: five predictions, five units.
        await platform.StopAsync(PlatformProject.Prediction);
        Assert.Equal(5, await UsedAsync(client));
    }

    [Fact]
    public async Task A_busy_tenants_next_lease_is_taken_before_the_current_one_runs_out_so_no_request_waits_for_tenancy()
    {
        await using var platform = await RunningPlatform.StartAsync(servers, TestTags.New("lease"), services: [PlatformProject.Tenancy, PlatformProject.Prediction],
            extraEnvironment: new Dictionary<string, string?> { ["Prediction__QuotaLeases__Duration"] = "00:01:00" });
        using var tenancy = TenancyClient.Of(platform);
        var tenant = TestTags.New("lease");
        using var client = await tenancy.NewTenantClientAsync(platform, tenant);
        // Straight to the service, as the gateway would call it: the gateway needs tenancy itself.
        using var service = new HttpClient { BaseAddress = platform[PlatformProject.Prediction].BaseAddress };
        service.DefaultRequestHeaders.Add(TenantHeaders.TenantId, tenant);
        service.DefaultRequestHeaders.Add(TenantHeaders.Tier, "professional");

        // Four predictions: the fourth empties the lease, and the next one (four units) is taken behind it.
        for (var i = 0; i < 4; i++) await PredictAsync(service, HttpStatusCode.Created);
        await SettledUsageAsync(client, 8);

        // With tenancy down, the four units taken ahead still pay for four predictions; the
        // renewal the seventh starts fails and changes nothing. The ninth needs tenancy, and so
        // does a batch: 503, not a refusal, since tenancy could not say.
        await platform.StopAsync(PlatformProject.Tenancy);
        for (var i = 0; i < 4; i++) await PredictAsync(service, HttpStatusCode.Created);
        using (var single = await service.SendAsync(Post(new { patientId = "pt-lease", features = Patient() }), Cancel))
            await AssertQuotaUnavailableAsync(single);
        using (var batch = await service.SendAsync(Post(new { rows = new[] { new { patientId = "pt-lease", features = Patient() } } }, "/v1/predictions/batch"), Cancel))
            await AssertQuotaUnavailableAsync(batch);

        // Eight predictions, eight units: nothing was charged twice or lost.
        await platform.StartAgainAsync(servers, PlatformProject.Tenancy);
        Assert.Equal(8, await UsedAsync(client));
        Assert.Equal(8, (await service.GetFromJsonAsync<JsonElement>("/v1/predictions?limit=500", Cancel)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Units_that_could_not_go_back_while_tenancy_was_down_go_back_once_it_is_up_again()
    {
        // Short leases, and a breaker that opens after a few failed returns: neither may stop the service.
        await using var platform = await RunningPlatform.StartAsync(servers, TestTags.New("lease"), services: [PlatformProject.Tenancy, PlatformProject.Prediction],
            extraEnvironment: new Dictionary<string, string?>
            {
                ["Prediction__QuotaLeases__Duration"] = "00:00:04",
                ["Resilience__Http__BreakerMinimumThroughput"] = "2",
            });
        using var tenancy = TenancyClient.Of(platform);
        using var client = await tenancy.NewTenantClientAsync(platform, TestTags.New("lease"));
        await PredictEachAsync(client, 1, 2, 4);

        // The lease expires with one unit left while tenancy is down: its return fails, again and again.
        await platform.StopAsync(PlatformProject.Tenancy);
        await Task.Delay(TimeSpan.FromSeconds(8), Cancel);
        using (var service = new HttpClient { BaseAddress = platform[PlatformProject.Prediction].BaseAddress })
        using (var alive = await service.GetAsync("/alive", Cancel))
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        await platform.StartAgainAsync(servers, PlatformProject.Tenancy);
        await SettledUsageAsync(client, 3);
    }

    [Fact]
    public async Task A_burst_of_single_predictions_is_granted_exactly_the_quota_left_and_the_rest_is_refused()
    {
        await using var platform = await RunningPlatform.StartAsync(servers, TestTags.New("lease"), services: [PlatformProject.Tenancy, PlatformProject.Prediction]);
        using var tenancy = TenancyClient.Of(platform);
        var tenant = TestTags.New("lease");
        using var client = await tenancy.NewTenantClientAsync(platform, tenant); // professional: 100,000 predictions a month
        using (var used = await tenancy.Service.PostAsJsonAsync($"/internal/quotas/{tenant}/predictions/consume", new { units = 99_960 }, Cancel))
            used.EnsureSuccessStatusCode();

        // 60 predictions, 8 at a time, for the 40 units left.
        var statuses = new List<HttpStatusCode>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 60), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Cancel }, async (_, ct) =>
        {
            using var response = await client.SendAsync(Post(new { patientId = "pt-burst", features = Patient() }), ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.Equal("/problems/quota-exceeded", (await Problem.ReadAsync(response)).GetProperty("type").GetString());
            else Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            lock (statuses) statuses.Add(response.StatusCode);
        });
        var burst = statuses.Count(s => s == HttpStatusCode.Created);
        Assert.InRange(burst, 1, 40);

        // Units a lease held past its expiry were counted at tenancy until they went back; whatever
        // the burst could not spend is now there for the next predictions, and not one more.
        await SettledUsageAsync(client, 99_960 + burst);
        var after = 0;
        while (await PredictAsync(client) == HttpStatusCode.Created) after++;
        Assert.Equal(40, burst + after);
        await SettledUsageAsync(client, 100_000);
        Assert.Equal(40, (await client.GetFromJsonAsync<JsonElement>("/v1/predictions?limit=500", Cancel)).GetProperty("items").GetArrayLength());
    }

    private static async Task AssertQuotaUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("/problems/quota-unavailable", (await Problem.ReadAsync(response)).GetProperty("type").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    /// <summary>One prediction per value, each followed by tenancy's units used, which must be that value.</summary>
    private static async Task PredictEachAsync(HttpClient client, params long[] usedAfterEach)
    {
        foreach (var expected in usedAfterEach)
        {
            await PredictAsync(client, HttpStatusCode.Created);
            Assert.Equal(expected, await UsedAsync(client));
        }
    }

    private static async Task<HttpStatusCode> PredictAsync(HttpClient client, HttpStatusCode? expected = null)
    {
        using var response = await client.SendAsync(Post(new { patientId = "pt-lease", features = Patient() }), Cancel);
        if (expected is { } status) Assert.Equal(status, response.StatusCode);
        return response.StatusCode;
    }
}
