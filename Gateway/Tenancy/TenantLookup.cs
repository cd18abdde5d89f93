namespace Platform.Gateway.Tenancy;

/// <summary>A resolve answer: the tenant, or none (unknown, revoked, expired), or tenancy could not be asked.</summary>
public sealed record TenantLookup(TenantIdentity? Tenant, string? Reason, bool Unavailable)
{
    public static TenantLookup Found(TenantIdentity tenant) => new(tenant, null, false);

    public static TenantLookup NotFound(string reason) => new(null, reason, false);

    public static TenantLookup CannotAsk(string reason) => new(null, reason, true);
}
