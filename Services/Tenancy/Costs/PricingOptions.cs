using System.ComponentModel.DataAnnotations;

namespace Platform.Tenancy.Costs;

/// <summary>Unit prices in USD (configuration <c>Tenancy:Pricing</c>). Third-party costs pass through at cost.</summary>
public sealed class PricingOptions
{
    public const string Section = "Tenancy:Pricing";

    /// <summary>Hours in the "month" of a GB-month: 365 × 24 / 12.</summary>
    public const decimal HoursPerMonth = 730m;

    [Range(typeof(decimal), "0", "1000")]
    public decimal ApiCall { get; set; } = 0.0001m;

    [Range(typeof(decimal), "0", "1000")]
    public decimal Inference { get; set; } = 0.001m;

    [Range(typeof(decimal), "0", "1000")]
    public decimal StorageGbMonth { get; set; } = 0.023m;

    [Range(typeof(decimal), "0", "1000")]
    public decimal DatabaseGbMonth { get; set; } = 0.015m;
}
