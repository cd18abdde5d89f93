using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Tenancy;

/// <summary>A tenant sees itself and nothing of another tenant (the gateway sets X-Tenant-ID).</summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantViewTests(PlatformFixture fixture) : TenancyTestBase(fixture)
{

    [Fact]
    public async Task A_tenant_reads_only_itself_and_a_request_without_a_tenant_is_refused()
    {
        var (a, b) = (TestTags.New("a"), TestTags.New("b"));
        await Tenancy.CreateTenantAsync(a, "basic");
        await Tenancy.CreateTenantAsync(b, "professional");

        using var asA = new HttpRequestMessage(HttpMethod.Get, "/v1/tenant") { Headers = { { "X-Tenant-ID", a } } };
        using var response = await Tenancy.Service.SendAsync(asA, Cancel);
        var tenant = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(a, tenant.GetProperty("id").GetString());
        Assert.Equal("basic", tenant.GetProperty("tier").GetString());
        Assert.DoesNotContain(b, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);

        using var anonymous = await Tenancy.Service.GetAsync("/v1/tenant", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await Problem.ReadAsync(anonymous);
    }
}
