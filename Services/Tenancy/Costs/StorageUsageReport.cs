namespace Platform.Tenancy.Costs;

/// <summary>What the tenant's stores hold by their newest samples, against the tier's storage; a null limit is unlimited.</summary>
public sealed record StorageUsageReport(decimal UsedGb, long? LimitGb, decimal? RemainingGb);
