using Platform.Tenancy.Tenants;

namespace Platform.Tenancy.Resolution;

/// <summary>What the gateway needs to route and limit a request. <paramref name="ApiKeyId"/> is set when resolved by key.</summary>
public sealed record ResolvedTenant(string TenantId, string Tier, string Status, TenantLimitsResponse Limits, Guid? ApiKeyId);
