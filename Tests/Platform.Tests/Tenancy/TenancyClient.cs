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

    public Task<HttpResponseMessage> ResolveAsync(object request) => Service.PostAsJsonAsync("/internal/resolve", request, Cancel);

    public void Dispose()
    {
        Service.Dispose();
    }
}
