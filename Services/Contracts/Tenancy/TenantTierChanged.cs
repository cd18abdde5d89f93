namespace Platform.Contracts.Tenancy;

/// <summary>A tenant moved to another tier: quotas and rate limits change with it.</summary>
public sealed record TenantTierChanged(string TenantId, string PreviousTier, string Tier, DateTimeOffset ChangedAt) : ITenantMessage;
