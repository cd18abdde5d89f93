namespace Platform.Contracts.Tenancy;

/// <summary>A tenant was created by a platform admin.</summary>
public sealed record TenantCreated(string TenantId, string Name, string Tier, DateTimeOffset CreatedAt) : ITenantMessage;
