namespace Platform.Contracts;

public static class TenantIds
{
    /// <summary>
    /// The owner of platform-level messages (not a tenant's data). The leading underscore keeps
    /// it outside the tenant id format (<c>[a-z0-9-]{3,63}</c>), so no tenant can claim it.
    /// </summary>
    public const string Platform = "_platform";
}
