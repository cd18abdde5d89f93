namespace Platform.Tenancy.Tenants;

public enum TenantStatus
{
    Active,
    Suspended,
}
