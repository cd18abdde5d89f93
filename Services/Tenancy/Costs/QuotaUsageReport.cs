namespace Platform.Tenancy.Costs;

/// <param name="Limit">Null: unlimited.</param>
public sealed record QuotaUsageReport(long Used, long? Limit, long? Remaining);
