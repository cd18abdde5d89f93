using System.ComponentModel.DataAnnotations;

namespace Platform.Tenancy.Tiers;

/// <summary>What a tier allows. A null quota is unlimited.</summary>
public sealed class TierLimits
{
    [Range(0, long.MaxValue)]
    public long? MonthlyPredictions { get; set; }

    [Range(0, long.MaxValue)]
    public long? StorageGb { get; set; }

    /// <summary>The gateway's sliding-window limit per tenant.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; }

    /// <summary>The gateway's token-bucket burst per API key.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; }
}
