namespace Platform.Contracts.Tenancy;

/// <summary>A suspended tenant was activated again.</summary>
public sealed record TenantActivated(string TenantId, DateTimeOffset ActivatedAt) : ITenantMessage;
