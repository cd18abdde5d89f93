using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Usage;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Tenancy;

/// <summary>The storage quota, judged by each store's newest sample, on the running tenancy service.</summary>
[Collection(PlatformCollection.Name)]
public sealed class StorageQuotaTests(PlatformFixture fixture, PlatformServers servers) : TenancyTestBase(fixture)
{
    private string Amqp => servers.Infra.RabbitMq.ConnectionString(Fixture.Platform.Tag);

    [Fact]
    public async Task Storage_fits_until_the_stores_together_reach_the_tier_limit_by_their_newest_samples()
    {
        var id = TestTags.New("st");
        await Tenancy.CreateTenantAsync(id, "free"); // 10 GB
        var now = DateTimeOffset.UtcNow;
        await using (var publisher = await UsagePublisher.StartAsync(Amqp))
        {
            await publisher.PublishAsync(new StorageSampled(id, "storage", 6m, now, 1m));
            await publisher.PublishAsync(new StorageSampled(id, "database", 3m, now, 1m));
            // Older than what is held: billed for its hours, but not the current size.
            await publisher.PublishAsync(new StorageSampled(id, "storage", 0.5m, now.AddHours(-2), 1m));
        }
        await Eventually.Until(() => UsedAsync(id), used => used == 9m, TimeSpan.FromSeconds(30), "both stores sampled");

        var fits = await CheckAsync(id, 0.5m);
        Assert.Equal(HttpStatusCode.OK, fits.Status);
        Assert.Equal(0.5m, fits.Body.GetProperty("remainingGb").GetDecimal());
        var tooMuch = await CheckAsync(id, 2m);
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMuch.Status);
        Assert.Equal("/problems/quota-exceeded", tooMuch.Body.GetProperty("type").GetString());
        Assert.Equal(9m, tooMuch.Body.GetProperty("used").GetDecimal());
        Assert.Equal(10, tooMuch.Body.GetProperty("limit").GetInt64());

        // Files were deleted: the next sample is what counts.
        await using (var publisher = await UsagePublisher.StartAsync(Amqp))
            await publisher.PublishAsync(new StorageSampled(id, "storage", 2m, now.AddMinutes(5), 1m));
        await Eventually.Until(() => UsedAsync(id), used => used == 5m, TimeSpan.FromSeconds(30), "the newer sample counted");
        Assert.Equal(HttpStatusCode.OK, (await CheckAsync(id, 2m)).Status);
    }

    [Fact]
    public async Task Unlimited_tiers_always_fit_and_bad_requests_are_problems()
    {
        var id = TestTags.New("se");
        await Tenancy.CreateTenantAsync(id, "enterprise");
        var unlimited = await CheckAsync(id, 50_000m);
        Assert.Equal(HttpStatusCode.OK, unlimited.Status);
        Assert.Equal(JsonValueKind.Null, unlimited.Body.GetProperty("limitGb").ValueKind);

        Assert.Equal(HttpStatusCode.BadRequest, (await CheckAsync(id, -1m)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await CheckAsync("no-such-tenant-here", 1m)).Status);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> CheckAsync(string tenantId, decimal gigabytes)
    {
        using var response = await Tenancy.Service.PostAsJsonAsync($"/internal/quotas/{tenantId}/storage/check", new { gigabytes }, Cancel);
        var body = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(Cancel) : await Problem.ReadAsync(response);
        return (response.StatusCode, body);
    }

    private async Task<decimal> UsedAsync(string tenantId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage") { Headers = { { "X-Tenant-ID", tenantId } } };
        using var response = await Tenancy.Service.SendAsync(request, Cancel);
        var usage = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
        return usage.GetProperty("storage").GetProperty("usedGb").GetDecimal();
    }
}
