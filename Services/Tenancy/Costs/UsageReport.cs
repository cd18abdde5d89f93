namespace Platform.Tenancy.Costs;

/// <summary>This month so far: prediction quota and every category's quantity and cost.</summary>
public sealed record UsageReport(string TenantId, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, QuotaUsageReport Predictions, StorageUsageReport Storage, IReadOnlyList<CostGroup> Categories);
