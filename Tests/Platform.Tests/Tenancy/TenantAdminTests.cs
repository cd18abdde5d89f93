using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Tenancy;

/// <summary>Tenants through the gateway's admin API, on the running platform (real PostgreSQL and RabbitMQ).</summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantAdminTests(PlatformFixture fixture, PlatformServers servers) : TenancyTestBase(fixture)
{

    [Fact]
    public async Task Admin_endpoints_answer_only_to_the_platform_admin_key_in_either_header()
    {
        using var anonymous = Fixture.Platform.CreateGatewayClient();
        using (var none = await anonymous.GetAsync("/v1/admin/tenants", Cancel))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            await Problem.ReadAsync(none);
        }
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/tenants"))
        {
            wrong.Headers.Add("X-Admin-Key", TestSecrets.AdminKey + "x");
            using var response = await anonymous.SendAsync(wrong, Cancel);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using (var bearer = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/tenants"))
        {
            bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestSecrets.AdminKey);
            using var response = await anonymous.SendAsync(bearer, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var header = await Tenancy.Admin.GetAsync("/v1/admin/tenants", Cancel);
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
    }

    [Fact]
    public async Task A_tenant_is_created_listed_changed_suspended_and_activated_and_each_change_is_published()
    {
        var id = TestTags.New("t");
        using var events = await EventTap.StartAsync(servers.Infra.RabbitMq.ConnectionString(Fixture.Platform.Tag),
            "Platform.Contracts.Tenancy:TenantCreated", "Platform.Contracts.Tenancy:TenantTierChanged",
            "Platform.Contracts.Tenancy:TenantSuspended", "Platform.Contracts.Tenancy:TenantActivated");

        var created = await Tenancy.CreateTenantAsync(id, "free");
        Assert.Equal(id, created.GetProperty("id").GetString());
        Assert.Equal("active", created.GetProperty("status").GetString());
        Assert.Equal(id, created.GetProperty("subdomain").GetString());
        Assert.Equal(1000, created.GetProperty("limits").GetProperty("monthlyPredictions").GetInt64());
        Assert.Equal(10, created.GetProperty("limits").GetProperty("storageGb").GetInt64());

        using (var duplicate = await Tenancy.Admin.PostAsJsonAsync("/v1/admin/tenants", new { id, name = "Again", tier = "basic" }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
            await Problem.ReadAsync(duplicate);
        }

        using (var patched = await Tenancy.Admin.PatchAsJsonAsync($"/v1/admin/tenants/{id}", new { tier = "enterprise", monthlyPredictionQuota = 5000, settings = new { locale = "en-KE" } }, Cancel))
        {
            var tenant = await patched.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal("enterprise", tenant.GetProperty("tier").GetString());
            Assert.Equal(5000, tenant.GetProperty("limits").GetProperty("monthlyPredictions").GetInt64());
            Assert.Equal("en-KE", tenant.GetProperty("settings").GetProperty("locale").GetString());
        }
        using (var suspended = await Tenancy.Admin.PostAsJsonAsync($"/v1/admin/tenants/{id}/suspend", new { reason = "unpaid invoice" }, Cancel))
            Assert.Equal("suspended", (await suspended.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
        var list = await Tenancy.Admin.GetFromJsonAsync<JsonElement>("/v1/admin/tenants?status=suspended&tier=enterprise&pageSize=200", Cancel);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        using (var activated = await Tenancy.Admin.PostAsync($"/v1/admin/tenants/{id}/activate", null, Cancel))
            Assert.Equal("active", (await activated.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());

        var seen = await events.WaitForAsync(id, 4, TimeSpan.FromSeconds(20));
        Assert.Equal(["TenantActivated", "TenantCreated", "TenantSuspended", "TenantTierChanged"], seen.Select(e => e.Type).Order());
        var tierChanged = seen.Single(e => e.Type == "TenantTierChanged").Message;
        Assert.Equal("free", tierChanged.GetProperty("previousTier").GetString());
        Assert.Equal("enterprise", tierChanged.GetProperty("tier").GetString());
        Assert.Equal("unpaid invoice", seen.Single(e => e.Type == "TenantSuspended").Message.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Invalid_tenants_are_refused_with_every_bad_field_named()
    {
        using var response = await Tenancy.Admin.PostAsJsonAsync("/v1/admin/tenants", new
        {
            id = "Not_A_Slug",
            name = "",
            tier = "gold",
            subdomain = "-bad-",
            settings = new { blob = new string('x', 17_000) },
        }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray();
        Assert.Equal(["id", "name", "settings", "subdomain", "tier"], fields);

        var id = TestTags.New("q");
        await Tenancy.CreateTenantAsync(id, "basic");
        using (var quota = await Tenancy.Admin.PatchAsJsonAsync($"/v1/admin/tenants/{id}", new { monthlyPredictionQuota = 10 }, Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, quota.StatusCode);
            Assert.True((await Problem.ReadAsync(quota)).GetProperty("errors").TryGetProperty("monthlyPredictionQuota", out _));
        }
        using (var text = new StringContent("""{"id":"abc-clinic","name":"A","tier":7}""", Encoding.UTF8, "application/json"))
        using (var wrongType = await Tenancy.Admin.PostAsync("/v1/admin/tenants", text, Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
            await Problem.ReadAsync(wrongType);
        }
        using var missing = await Tenancy.Admin.GetAsync("/v1/admin/tenants/no-such-tenant", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await Problem.ReadAsync(missing);
    }
}
