using Platform.ServiceDefaults.Tenancy;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway.Tenancy;

/// <summary>
/// What a service receives about the caller: every client-sent <c>X-Tenant-*</c> header removed
/// (services trust these headers, so only the gateway may set them), the resolved tenant's
/// <c>X-Tenant-ID</c> and <c>X-Tenant-Tier</c> added, and the tenant's API key taken off: the
/// gateway has checked it, and a secret has no business in a service's request logs.
/// </summary>
internal static class TenantForwarding
{
    public static ValueTask Apply(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        foreach (var name in headers.Select(h => h.Key).Where(IsTenantHeader).ToList()) headers.Remove(name);
        if (context.ProxyRequest.Content is { } content)
        {
            foreach (var name in content.Headers.Select(h => h.Key).Where(IsTenantHeader).ToList()) content.Headers.Remove(name);
        }
        if (GatewayAccessMiddleware.TenantOf(context.HttpContext) is { } tenant)
        {
            headers.Add(TenantHeaders.TenantId, tenant.TenantId);
            headers.Add(TenantHeaders.Tier, tenant.Tier);
            headers.Remove(GatewayAccessMiddleware.ApiKeyHeader);
            headers.Authorization = null;
        }
        return ValueTask.CompletedTask;
    }

    private static bool IsTenantHeader(string name) => name.StartsWith(TenantHeaders.Prefix, StringComparison.OrdinalIgnoreCase);
}
