using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Tenancy;

/// <summary>API keys: shown once, stored as a keyed hash, resolved by the gateway's internal call, revocable, expiring.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ApiKeyTests(PlatformFixture fixture, PlatformServers servers) : TenancyTestBase(fixture)
{

    [Fact]
    public async Task A_created_key_resolves_to_its_tenant_and_is_stored_only_as_a_hash_until_revoked()
    {
        var id = TestTags.New("k");
        await Tenancy.CreateTenantAsync(id, "professional");
        var key = await Tenancy.CreateKeyAsync(id);
        Assert.Matches($"^pk_{id}_[0-9A-Za-z]{{43}}$", key);

        using (var resolved = await Tenancy.ResolveAsync(new { apiKey = key }))
        {
            var tenant = await resolved.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal(id, tenant.GetProperty("tenantId").GetString());
            Assert.Equal("professional", tenant.GetProperty("tier").GetString());
            Assert.Equal("active", tenant.GetProperty("status").GetString());
            Assert.Equal(1200, tenant.GetProperty("limits").GetProperty("requestsPerMinute").GetInt32());
        }

        // Nothing in the database holds the key: not the hash column, not the hint, not any text.
        var database = servers.Infra.Postgres.ForDatabase($"tenancydb_{Fixture.Platform.Tag}");
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(Cancel);
            await using var command = new NpgsqlCommand("SELECT hash, hint, last_used_at, row_to_json(k)::text FROM tenancy.api_keys k WHERE tenant_id = $1", connection) { Parameters = { new() { Value = id } } };
            await using var reader = await command.ExecuteReaderAsync(Cancel);
            Assert.True(await reader.ReadAsync(Cancel));
            Assert.Equal(32, ((byte[])reader[0]).Length);
            Assert.DoesNotContain(key, reader.GetString(3), StringComparison.Ordinal);
            Assert.DoesNotContain(key[^20..], reader.GetString(3), StringComparison.Ordinal);
            Assert.StartsWith($"pk_{id}_", reader.GetString(1), StringComparison.Ordinal);
            Assert.False(reader.IsDBNull(2)); // last use recorded by the resolve
        }

        var listed = await Tenancy.Admin.GetFromJsonAsync<JsonElement[]>($"/v1/admin/tenants/{id}/api-keys", Cancel);
        var only = Assert.Single(listed!);
        Assert.False(only.TryGetProperty("key", out _));
        Assert.True(only.GetProperty("active").GetBoolean());

        using (var revoke = await Tenancy.Admin.DeleteAsync($"/v1/admin/tenants/{id}/api-keys/{only.GetProperty("id").GetGuid()}", Cancel))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using var afterRevoke = await Tenancy.ResolveAsync(new { apiKey = key });
        Assert.Equal(HttpStatusCode.NotFound, afterRevoke.StatusCode);
        Assert.Contains("revoked", (await Problem.ReadAsync(afterRevoke)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_unknown_and_malformed_keys_do_not_resolve_while_subdomain_and_id_do()
    {
        var id = TestTags.New("e");
        await Tenancy.CreateTenantAsync(id, "basic", new { id, name = "Expiring", tier = "basic", subdomain = id + "-portal" });
        var key = await Tenancy.CreateKeyAsync(id, new { name = "short", expiresAt = DateTimeOffset.UtcNow.AddSeconds(2) });
        using (var fresh = await Tenancy.ResolveAsync(new { apiKey = key })) Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2.5), Cancel);
        using (var expired = await Tenancy.ResolveAsync(new { apiKey = key }))
            Assert.Contains("expired", (await Problem.ReadAsync(expired)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Right shape, wrong secret; and not a key at all.
        using (var unknown = await Tenancy.ResolveAsync(new { apiKey = key[..^4] + "AAAA" })) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var malformed = await Tenancy.ResolveAsync(new { apiKey = "sk_live_123" })) Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        using (var two = await Tenancy.ResolveAsync(new { apiKey = key, tenantId = id })) Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);

        using (var bySubdomain = await Tenancy.ResolveAsync(new { subdomain = id + "-portal" }))
            Assert.Equal(id, (await bySubdomain.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("tenantId").GetString());
        using (await Tenancy.Admin.PostAsync($"/v1/admin/tenants/{id}/suspend", null, Cancel)) { }
        using var byId = await Tenancy.ResolveAsync(new { tenantId = id });
        Assert.Equal("suspended", (await byId.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());

        using var pastExpiry = await Tenancy.Admin.PostAsJsonAsync($"/v1/admin/tenants/{id}/api-keys", new { expiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, pastExpiry.StatusCode);
        using var otherTenantsKey = await Tenancy.Admin.DeleteAsync($"/v1/admin/tenants/no-such-tenant/api-keys/{Guid.NewGuid()}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, otherTenantsKey.StatusCode);
    }
}
