using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;

namespace Platform.Tests.Gateway;

/// <summary>
/// The gateway attributes every request to a tenant by its API key, checks any tenant the client
/// names (X-Tenant-ID, subdomain) against it, and keeps admin routes to the admin key: the
/// resolution matrix and the isolation matrix, through the real gateway and tenancy service.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantResolutionTests(PlatformFixture fixture) : TenancyTestBase(fixture)
{
    private HttpClient Gateway => Fixture.Gateway;

    [Fact]
    public async Task A_key_in_either_header_resolves_to_its_tenant_which_the_service_receives()
    {
        var (id, key) = await TenantWithKeyAsync("res");

        foreach (var send in new Action<HttpRequestMessage>[] { r => r.Headers.Authorization = new("Bearer", key), r => r.Headers.Add("X-API-Key", key) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tenant");
            send(request);
            using var response = await Gateway.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var tenant = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal(id, tenant.GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task Missing_unknown_malformed_revoked_and_conflicting_credentials_are_refused_with_problems()
    {
        var (id, key) = await TenantWithKeyAsync("bad");
        var (other, otherKey) = await TenantWithKeyAsync("oth");

        await ExpectAsync(HttpStatusCode.Unauthorized, "/v1/tenant");
        await ExpectAsync(HttpStatusCode.Unauthorized, "/v1/tenant", bearer: $"pk_{id}_{new string('x', 43)}");
        await ExpectAsync(HttpStatusCode.Unauthorized, "/v1/tenant", bearer: "pk_not-a-key");
        // A tenant id alone is a claim, not a credential.
        await ExpectAsync(HttpStatusCode.Unauthorized, "/v1/tenant", tenantId: id);
        await ExpectAsync(HttpStatusCode.BadRequest, "/v1/tenant", bearer: key, tenantId: other);
        await ExpectAsync(HttpStatusCode.BadRequest, "/v1/tenant", bearer: key, tenantId: "Not A Tenant!");
        await ExpectAsync(HttpStatusCode.BadRequest, "/v1/tenant", bearer: key, apiKey: otherKey);
        await ExpectAsync(HttpStatusCode.OK, "/v1/tenant", bearer: key, tenantId: id);

        var keys = await Tenancy.Admin.GetFromJsonAsync<JsonElement>($"/v1/admin/tenants/{other}/api-keys", Cancel);
        var keyId = keys.EnumerateArray().Single().GetProperty("id").GetString();
        using (var revoked = await Tenancy.Admin.DeleteAsync($"/v1/admin/tenants/{other}/api-keys/{keyId}", Cancel)) revoked.EnsureSuccessStatusCode();
        await Eventually.Until(() => StatusAsync("/v1/tenant", bearer: otherKey), s => s == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(10), "the revoked key refused");
    }

    [Fact]
    public async Task A_subdomain_names_its_tenant_and_must_agree_with_the_key()
    {
        var (id, key) = await TenantWithKeyAsync("sub", subdomain: true);
        var (_, otherKey) = await TenantWithKeyAsync("sb2");

        await ExpectAsync(HttpStatusCode.OK, "/v1/tenant", bearer: key, host: $"{id}.tenants.test");
        await ExpectAsync(HttpStatusCode.BadRequest, "/v1/tenant", bearer: otherKey, host: $"{id}.tenants.test");
        await ExpectAsync(HttpStatusCode.BadRequest, "/v1/tenant", bearer: key, host: "nobody-here.tenants.test");
        // Outside the base domain the host says nothing.
        await ExpectAsync(HttpStatusCode.OK, "/v1/tenant", bearer: key, host: "localhost");
    }

    [Fact]
    public async Task A_suspended_tenants_key_gets_403_and_admin_routes_are_closed_to_tenant_keys()
    {
        var (id, key) = await TenantWithKeyAsync("sus");

        await ExpectAsync(HttpStatusCode.Forbidden, "/v1/admin/tenants", bearer: key);
        await ExpectAsync(HttpStatusCode.Forbidden, $"/v1/admin/tenants/{id}/api-keys", apiKey: key);
        await ExpectAsync(HttpStatusCode.Forbidden, "/v1/admin/dlq", bearer: key);
        await ExpectAsync(HttpStatusCode.Unauthorized, "/v1/admin/circuit-breakers");

        using (var suspended = await Tenancy.Admin.PostAsJsonAsync($"/v1/admin/tenants/{id}/suspend", new { reason = "test" }, Cancel)) suspended.EnsureSuccessStatusCode();
        await Eventually.Until(() => StatusAsync("/v1/tenant", bearer: key), s => s == HttpStatusCode.Forbidden, TimeSpan.FromSeconds(10), "the suspended tenant refused");
    }

    [Fact]
    public async Task With_tenant_As_key_nothing_of_tenant_B_can_be_read_or_written()
    {
        var (a, aKey) = await TenantWithKeyAsync("isa");
        var (b, _) = await TenantWithKeyAsync("isb");
        // B's budget, created the way B would (through the service, as the gateway forwards B's requests).
        using var created = await Tenancy.Service.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/budgets")
        {
            Content = JsonContent.Create(new { name = "B's budget", period = "monthly", amount = 100m }),
            Headers = { { "X-Tenant-ID", b } },
        }, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var theirs = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetString();

        foreach (var (method, path) in new[] { (HttpMethod.Get, $"/v1/budgets/{theirs}"), (HttpMethod.Put, $"/v1/budgets/{theirs}"), (HttpMethod.Delete, $"/v1/budgets/{theirs}"), (HttpMethod.Get, $"/v1/budgets/{theirs}/status") })
        {
            using var request = new HttpRequestMessage(method, path) { Headers = { Authorization = new("Bearer", aKey) } };
            if (method == HttpMethod.Put) request.Content = JsonContent.Create(new { name = "mine now", period = "monthly", amount = 1m });
            // Naming B is refused outright; not naming it finds nothing.
            request.Headers.Add("X-Tenant-ID", b);
            Assert.Equal(HttpStatusCode.BadRequest, (await Gateway.SendAsync(request, Cancel)).StatusCode);
            using var plain = new HttpRequestMessage(method, path) { Headers = { Authorization = new("Bearer", aKey) }, Content = method == HttpMethod.Put ? JsonContent.Create(new { name = "mine now", period = "monthly", amount = 1m }) : null };
            using var response = await Gateway.SendAsync(plain, Cancel);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("B's budget", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
        foreach (var path in new[] { "/v1/budgets", "/v1/usage", "/v1/costs", "/v1/tenant" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new("Bearer", aKey) } };
            using var response = await Gateway.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(Cancel);
            Assert.DoesNotContain(b, body, StringComparison.Ordinal);
        }
        // B's tenant record and keys are admin data: a tenant key never reaches them.
        await ExpectAsync(HttpStatusCode.Forbidden, $"/v1/admin/tenants/{b}", bearer: aKey);
        await ExpectAsync(HttpStatusCode.Forbidden, $"/v1/admin/tenants/{b}/api-keys", bearer: aKey);
        Assert.Equal(a, (await GetTenantAsync(aKey)).GetProperty("id").GetString());
    }

    private async Task<(string Id, string Key)> TenantWithKeyAsync(string prefix, bool subdomain = false)
    {
        var id = TestTags.New(prefix);
        await Tenancy.CreateTenantAsync(id, "basic", subdomain ? new { id, name = $"Clinic {id}", tier = "basic", subdomain = id } : null);
        return (id, await Tenancy.CreateKeyAsync(id));
    }

    private async Task<JsonElement> GetTenantAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tenant") { Headers = { Authorization = new("Bearer", key) } };
        using var response = await Gateway.SendAsync(request, Cancel);
        return await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private async Task ExpectAsync(HttpStatusCode expected, string path, string? bearer = null, string? apiKey = null, string? tenantId = null, string? host = null)
    {
        using var response = await SendAsync(path, bearer, apiKey, tenantId, host);
        Assert.True(expected == response.StatusCode, $"{path} (bearer {bearer is not null}, X-API-Key {apiKey is not null}, X-Tenant-ID {tenantId}, host {host}): expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        if (expected != HttpStatusCode.OK)
        {
            var problem = await Problem.ReadAsync(response);
            Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        }
        if (expected == HttpStatusCode.Unauthorized) Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string? bearer = null)
    {
        using var response = await SendAsync(path, bearer, null, null, null);
        return response.StatusCode;
    }

    private Task<HttpResponseMessage> SendAsync(string path, string? bearer, string? apiKey, string? tenantId, string? host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        if (apiKey is not null) request.Headers.Add("X-API-Key", apiKey);
        if (tenantId is not null) request.Headers.TryAddWithoutValidation("X-Tenant-ID", tenantId);
        if (host is not null) request.Headers.Host = host;
        return Gateway.SendAsync(request, Cancel);
    }
}
