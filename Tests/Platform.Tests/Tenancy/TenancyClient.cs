using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Tenancy;

/// <summary>Admin calls through the gateway and internal calls straight to the tenancy service.</summary>
public sealed class TenancyClient(HttpClient admin, Uri tenancy) : IDisposable
{
    public TenancyClient(PlatformFixture fixture)
        : this(fixture.AdminGateway, fixture.Platform[PlatformProject.Tenancy].BaseAddress)
    {
    }

    /// <summary>The gateway with the admin key.</summary>
    public HttpClient Admin => admin;

    /// <summary>The tenancy service itself: internal endpoints, and tenant endpoints with the header the gateway would set.</summary>
    public HttpClient Service { get; } = new() { BaseAddress = tenancy };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async Task<JsonElement> CreateTenantAsync(string id, string tier = "free", object? extra = null)
    {
        using var response = await Admin.PostAsJsonAsync("/v1/admin/tenants", extra ?? new { id, name = $"Clinic {id}", tier }, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    public async Task<string> CreateKeyAsync(string tenantId, object? body = null)
    {
        using var response = await Admin.PostAsJsonAsync($"/v1/admin/tenants/{tenantId}/api-keys", body ?? new { name = "test" }, Cancel);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("key").GetString()!;
    }

    /// <summary>The tenant's budgets, read from the service itself (what was really created, whatever the gateway answered).</summary>
    public async Task<JsonElement[]> BudgetsAsync(string tenantId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/budgets") { Headers = { { "X-Tenant-ID", tenantId } } };
        using var response = await Service.SendAsync(request, Cancel);
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement[]>(Cancel))!;
    }

    public Task<HttpResponseMessage> ResolveAsync(object request) => Service.PostAsJsonAsync("/internal/resolve", request, Cancel);

    /// <summary>Admin calls through <paramref name="platform"/>'s gateway (a client of its own, disposed with this one).</summary>
    public static TenancyClient Of(RunningPlatform platform)
    {
        var admin = platform.CreateGatewayClient();
        admin.DefaultRequestHeaders.Add("X-Admin-Key", TestSecrets.AdminKey);
        return new TenancyClient(admin, platform[PlatformProject.Tenancy].BaseAddress) { _ownedAdmin = admin };
    }

    private HttpClient? _ownedAdmin;

    /// <summary>Creates tenant <paramref name="tenantId"/> and returns a client of <paramref name="platform"/>'s gateway carrying one of its API keys.</summary>
    public async Task<HttpClient> NewTenantClientAsync(RunningPlatform platform, string tenantId, string tier = "professional")
    {
        await CreateTenantAsync(tenantId, tier);
        var client = platform.CreateGatewayClient();
        client.DefaultRequestHeaders.Add("X-API-Key", await CreateKeyAsync(tenantId));
        return client;
    }

    public void Dispose()
    {
        Service.Dispose();
        _ownedAdmin?.Dispose();
    }
}
