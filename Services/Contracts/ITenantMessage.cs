namespace Platform.Contracts;

/// <summary>
/// Every message carries the tenant it belongs to. Platform-wide messages use
/// <see cref="TenantIds.Platform"/>. The tenant also travels as the <c>X-Tenant-ID</c> header.
/// </summary>
public interface ITenantMessage
{
    string TenantId { get; }
}
