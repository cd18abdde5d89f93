namespace Platform.Tenancy.Anomalies;

/// <summary>A day whose spend the chart flagged; its key (tenant, day) makes the event go out once.</summary>
public sealed class CostAnomaly
{
    public required string TenantId { get; set; }

    public DateOnly Day { get; set; }

    public decimal Spend { get; set; }

    public decimal Ewma { get; set; }

    public decimal ExpectedLow { get; set; }

    public decimal ExpectedHigh { get; set; }

    public DateTimeOffset DetectedAt { get; set; }
}
