namespace Platform.Tenancy.Tiers;

/// <summary>Quotas and request limits per tier (configuration <c>Tenancy:Tiers:{Tier}:*</c>).</summary>
public sealed class TierOptions
{
    public const string Section = "Tenancy:Tiers";

    public TierLimits Free { get; set; } = new() { MonthlyPredictions = 1_000, StorageGb = 10, RequestsPerMinute = 60, Burst = 20 };

    public TierLimits Basic { get; set; } = new() { MonthlyPredictions = 10_000, StorageGb = 50, RequestsPerMinute = 300, Burst = 50 };

    public TierLimits Professional { get; set; } = new() { MonthlyPredictions = 100_000, StorageGb = 500, RequestsPerMinute = 1_200, Burst = 200 };

    /// <summary>Unlimited unless a tenant carries its own quota.</summary>
    public TierLimits Enterprise { get; set; } = new() { MonthlyPredictions = null, StorageGb = null, RequestsPerMinute = 6_000, Burst = 1_000 };

    public TierLimits For(Tier tier) => tier switch
    {
        Tier.Free => Free,
        Tier.Basic => Basic,
        Tier.Professional => Professional,
        _ => Enterprise,
    };
}
