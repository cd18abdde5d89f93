namespace Platform.ServiceDefaults.Tenancy;

/// <summary>Headers the gateway sets after it has resolved the caller's tenant.</summary>
public static class TenantHeaders
{
    public const string TenantId = "X-Tenant-ID";
    public const string Tier = "X-Tenant-Tier";

    /// <summary>Prefix of every tenant header; the gateway strips client-sent ones.</summary>
    public const string Prefix = "X-Tenant-";
}
