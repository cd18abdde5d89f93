namespace Platform.ServiceDefaults.Tenancy;

/// <summary>
/// The ambient tenant, flowing with the async call chain like IHttpContextAccessor, so the
/// same code path sees it in an HTTP request, a message consumer, or an outgoing call.
/// </summary>
public sealed class TenantContextAccessor
{
    private static readonly AsyncLocal<TenantContext?> Current = new();

    public TenantContext? Tenant
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}
