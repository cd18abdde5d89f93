using System.Text.Json;
using Platform.Tenancy.Common;
using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Tenants;

/// <summary>A tenant as the API shows it, with the limits its tier (or its own quota) gives it.</summary>
public sealed record TenantResponse(
    string Id,
    string Name,
    string Tier,
    string Status,
    string Subdomain,
    JsonElement? Settings,
    string? SuspensionReason,
    TenantLimitsResponse Limits,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static TenantResponse From(Tenant tenant, TierOptions tiers) => new(
        tenant.Id,
        tenant.Name,
        TierNames.Of(tenant.Tier),
        LowerCaseNames.Of(tenant.Status),
        tenant.Subdomain,
        tenant.Settings is null ? null : JsonSerializer.Deserialize<JsonElement>(tenant.Settings),
        tenant.SuspensionReason,
        TenantLimitsResponse.For(tenant, tiers),
        tenant.CreatedAt,
        tenant.UpdatedAt);
}
