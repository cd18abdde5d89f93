using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Tenants;

/// <summary>A tenant's effective limits; a null quota is unlimited.</summary>
public sealed record TenantLimitsResponse(long? MonthlyPredictions, long? StorageGb, int RequestsPerMinute, int Burst)
{
    public static TenantLimitsResponse For(Tenant tenant, TierOptions tiers)
    {
        var tier = tiers.For(tenant.Tier);
        return new(tenant.MonthlyPredictionQuota ?? tier.MonthlyPredictions, tier.StorageGb, tier.RequestsPerMinute, tier.Burst);
    }
}
