namespace Platform.ServiceDefaults.Tenancy;

/// <summary>The tenant the current request or message is for.</summary>
public sealed record TenantContext(string TenantId, string? Tier);
