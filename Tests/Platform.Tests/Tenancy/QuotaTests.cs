using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Tenancy;

/// <summary>Quota consumption holds exactly under concurrency, on real PostgreSQL.</summary>
[Collection(PlatformCollection.Name)]
public sealed class QuotaTests(PlatformFixture fixture) : TenancyTestBase(fixture)
{

    [Fact]
    public async Task Of_100_concurrent_requests_for_the_last_10_units_exactly_10_succeed_and_the_rest_get_quota_exceeded()
    {
        var id = TestTags.New("r");
        await Tenancy.CreateTenantAsync(id, "free"); // 1,000 predictions a month
        using (var first = await Consume(id, 990)) Assert.Equal(990, (await first.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("used").GetInt64());

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Consume(id, 1)));
        try
        {
            Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
            Assert.Equal(90, refused.Count);
            Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
            var problem = await Problem.ReadAsync(refused[0]);
            Assert.Equal("/problems/quota-exceeded", problem.GetProperty("type").GetString());
            Assert.Equal(1000, problem.GetProperty("limit").GetInt64());
            Assert.Equal(1000, problem.GetProperty("used").GetInt64());
            var now = DateTimeOffset.UtcNow;
            Assert.Equal(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1), problem.GetProperty("resetAt").GetDateTimeOffset());
            Assert.True(refused[0].Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
    }

    [Fact]
    public async Task A_batch_takes_what_is_left_and_released_units_can_be_used_again()
    {
        var id = TestTags.New("p");
        await Tenancy.CreateTenantAsync(id, "free");
        using (await Consume(id, 995)) { }
        using (var partial = await Consume(id, 8, allowPartial: true))
        {
            var decision = await partial.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal(5, decision.GetProperty("granted").GetInt64());
            Assert.Equal(1000, decision.GetProperty("used").GetInt64());
        }
        using (var none = await Consume(id, 1, allowPartial: true)) Assert.Equal(HttpStatusCode.TooManyRequests, none.StatusCode);
        using (var released = await Tenancy.Service.PostAsJsonAsync($"/internal/quotas/{id}/predictions/release", new { units = 3 }, Cancel))
            Assert.Equal(997, (await released.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("used").GetInt64());
        using (var again = await Consume(id, 3)) Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        using (var negative = await Consume(id, -1)) Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        using (var metric = await Tenancy.Service.PostAsJsonAsync($"/internal/quotas/{id}/gigabytes/consume", new { units = 1 }, Cancel)) Assert.Equal(HttpStatusCode.BadRequest, metric.StatusCode);
        using (await Tenancy.Admin.PostAsync($"/v1/admin/tenants/{id}/suspend", null, Cancel)) { }
        using var suspended = await Consume(id, 1);
        Assert.Equal(HttpStatusCode.Forbidden, suspended.StatusCode);
    }

    [Fact]
    public async Task An_enterprise_tenant_without_its_own_quota_is_unlimited_and_with_one_is_held_to_it()
    {
        var id = TestTags.New("u");
        await Tenancy.CreateTenantAsync(id, "enterprise");
        using (var big = await Consume(id, 1_000_000)) Assert.Equal(HttpStatusCode.OK, big.StatusCode);
        using (await Tenancy.Admin.PatchAsJsonAsync($"/v1/admin/tenants/{id}", new { monthlyPredictionQuota = 1_000_001 }, Cancel)) { }
        using (var last = await Consume(id, 1)) Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        using var over = await Consume(id, 1);
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
    }

    private Task<HttpResponseMessage> Consume(string tenantId, long units, bool allowPartial = false) =>
        Tenancy.Service.PostAsJsonAsync($"/internal/quotas/{tenantId}/predictions/consume", new { units, allowPartial }, Cancel);
}
