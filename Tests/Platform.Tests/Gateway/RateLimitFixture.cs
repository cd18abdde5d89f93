using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;

namespace Platform.Tests.Gateway;

/// <summary>
/// Tenancy and two gateway instances on the shared Redis, with quotas small enough to reach:
/// a 2 s window; basic tier 10 per window with a burst of 10, free tier 6 with a burst of 3;
/// alert routes 3 per window; flood guard at 5 unattributed requests (blocks for 30 s, trusting
/// 127.0.0.2 as a proxy); abuse flag after 5 refusals; usage reported in 1 s buckets.
/// </summary>
public sealed class RateLimitFixture(PlatformServers servers) : IAsyncLifetime
{
    private RunningPlatform? _platform;

    public RunningPlatform Platform => _platform ?? throw new InvalidOperationException("Not started.");

    public GatewayInstance Second { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public TenancyClient Tenancy { get; private set; } = null!;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    public async ValueTask InitializeAsync()
    {
        _platform = await RunningPlatform.StartAsync(servers, TestTags.New("rl"), services: [PlatformProject.Tenancy], extraEnvironment: new Dictionary<string, string?>
        {
            ["Tenancy__Tiers__Basic__RequestsPerMinute"] = "10",
            ["Tenancy__Tiers__Basic__Burst"] = "10",
            ["Tenancy__Tiers__Free__RequestsPerMinute"] = "6",
            ["Tenancy__Tiers__Free__Burst"] = "3",
            ["Gateway__RateLimits__Window"] = "00:00:02",
            ["Gateway__RateLimits__Groups__alerts"] = "3",
            ["Gateway__RateLimits__FloodGuard__RequestsPerWindow"] = "5",
            ["Gateway__RateLimits__FloodGuard__BlockDuration"] = "00:00:30",
            ["Gateway__RateLimits__AbuseDetection__RejectedThreshold"] = "5",
            ["Gateway__RateLimits__UsageBucket"] = "00:00:01",
            ["Gateway__RateLimits__UsageReportInterval"] = "00:00:00.500",
            ["Gateway__Https__TrustedProxies__0"] = "127.0.0.2",
        });
        Second = await Platform.AddGatewayAsync(servers);
        Admin = Platform.CreateGatewayClient();
        Admin.DefaultRequestHeaders.Add("X-Admin-Key", TestSecrets.AdminKey);
        Tenancy = new TenancyClient(Admin, Platform[PlatformProject.Tenancy].BaseAddress);
    }

    /// <summary>A new tenant of <paramref name="tier"/> and a key: (tenant id, key, key id).</summary>
    public async Task<(string Id, string Key, Guid KeyId)> TenantAsync(string tier)
    {
        var id = TestTags.New("rl");
        await Tenancy.CreateTenantAsync(id, tier);
        var (key, keyId) = await KeyAsync(id);
        return (id, key, keyId);
    }

    public async Task<(string Key, Guid KeyId)> KeyAsync(string tenantId)
    {
        using var response = await Admin.PostAsJsonAsync($"/v1/admin/tenants/{tenantId}/api-keys", new { name = "rl" }, TestContext.Current.CancellationToken);
        var created = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (created.GetProperty("key").GetString()!, created.GetProperty("id").GetGuid());
    }

    /// <summary>A client of <paramref name="address"/> whose connections come from <paramref name="source"/> (any 127.0.0.0/8 address).</summary>
    public HttpClient ClientFrom(Uri address, IPAddress source) => new(Platform.CreateGatewayHandler().BindTo(source)) { BaseAddress = address };

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        Tenancy?.Dispose();
        if (_platform is not null) await _platform.DisposeAsync();
    }
}
