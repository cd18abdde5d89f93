using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Foundation;

/// <summary>The whole platform running on the shared servers, for tests that only observe it.</summary>
public sealed class PlatformFixture(PlatformServers servers) : IAsyncLifetime
{
    private RunningPlatform? _platform;

    public RunningPlatform Platform => _platform ?? throw new InvalidOperationException("Platform not started.");

    public HttpClient Gateway { get; private set; } = null!;

    /// <summary>The gateway with the platform admin key on every request.</summary>
    public HttpClient AdminGateway { get; private set; } = null!;

    /// <summary>The gateway with a tenant's API key (<see cref="TenantId"/>, professional tier) on every request.</summary>
    public HttpClient TenantGateway { get; private set; } = null!;

    public string TenantId { get; private set; } = null!;

    /// <summary>A client of one app; the gateway's over HTTPS, as its clients reach it (plain HTTP is only redirected there).</summary>
    public HttpClient Client(PlatformProject project) =>
        project == PlatformProject.Gateway ? Platform.CreateGatewayClient() : new() { BaseAddress = Platform[project].BaseAddress };

    public async ValueTask InitializeAsync()
    {
        _platform = await RunningPlatform.StartAsync(servers, TestTags.New("gw"));
        Gateway = Platform.CreateGatewayClient();
        AdminGateway = Platform.CreateGatewayClient();
        AdminGateway.DefaultRequestHeaders.Add("X-Admin-Key", TestSecrets.AdminKey);

        // Tenant routes want a tenant's key: one tenant for the tests that only pass through.
        TenantId = TestTags.New("fixture");
        using (var tenant = await AdminGateway.PostAsJsonAsync("/v1/admin/tenants", new { id = TenantId, name = "Fixture clinic", tier = "professional" }))
            tenant.EnsureSuccessStatusCode();
        using var key = await AdminGateway.PostAsJsonAsync($"/v1/admin/tenants/{TenantId}/api-keys", new { name = "fixture" });
        TenantGateway = Platform.CreateGatewayClient();
        TenantGateway.DefaultRequestHeaders.Add("X-API-Key", (await key.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        AdminGateway?.Dispose();
        TenantGateway?.Dispose();
        if (_platform is not null) await _platform.DisposeAsync();
    }
}
