namespace Platform.Tenancy.Quotas;

/// <summary>The outcome of a consume: units granted, usage after it, the limit (null: unlimited) and when it resets.</summary>
public sealed record QuotaDecision(string TenantId, string Metric, long Requested, long Granted, long Used, long? Limit, DateTimeOffset ResetAt);
