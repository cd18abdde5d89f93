namespace Platform.Tenancy.Quotas;

/// <summary>Units of a metered quota a tenant has used in one period (a calendar month, UTC).</summary>
public sealed class QuotaUsage
{
    public required string TenantId { get; set; }

    /// <summary>What is counted, e.g. <see cref="QuotaMetrics.Predictions"/>.</summary>
    public required string Metric { get; set; }

    public DateTimeOffset PeriodStart { get; set; }

    public long Used { get; set; }
}
