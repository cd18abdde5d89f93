namespace Platform.Contracts.Tenancy;

/// <summary>A tenant was suspended: its keys stop resolving and the gateway refuses it (403).</summary>
public sealed record TenantSuspended(string TenantId, string? Reason, DateTimeOffset SuspendedAt) : ITenantMessage;
