using System.ComponentModel.DataAnnotations;

namespace Platform.Prediction.QuotaLeasing;

/// <summary>
/// <c>Prediction:QuotaLeases</c>: how far single predictions take quota ahead of use. A lease
/// holds at most what the tenant used in the previous <see cref="Duration"/> (so a tenant asking
/// now and then is charged unit by unit, exactly as before) and at most <see cref="MaxUnits"/>;
/// what is unused after <see cref="Duration"/> goes back to tenancy.
/// </summary>
public sealed class QuotaLeaseOptions
{
    public const string Section = "Prediction:QuotaLeases";

    /// <summary>How long leased units may be spent; also the window whose demand sizes the next lease.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most units one lease takes; 1 takes none ahead (every single prediction asks tenancy).</summary>
    [Range(1, 100_000)]
    public int MaxUnits { get; set; } = 500;
}
