namespace Platform.Gateway.Tenancy;

/// <summary>Whose request it is (tenancy's <c>/internal/resolve</c> answer). <paramref name="ApiKeyId"/> is set when resolved by key.</summary>
public sealed record TenantIdentity(string TenantId, string Tier, string Status, TenantLimits Limits, Guid? ApiKeyId)
{
    public bool IsSuspended => string.Equals(Status, "suspended", StringComparison.OrdinalIgnoreCase);
}
