namespace Platform.Tenancy.Quotas;

/// <param name="LimitGb">Null: unlimited.</param>
/// <param name="RemainingGb">What is left after the requested gigabytes; null when unlimited.</param>
public sealed record StorageDecision(string TenantId, decimal RequestedGb, decimal UsedGb, long? LimitGb, decimal? RemainingGb);
