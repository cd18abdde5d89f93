using Platform.ServiceDefaults.Tenancy;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway.Routing;

/// <summary>
/// Removes every client-sent <c>X-Tenant-*</c> header before forwarding: services trust these
/// headers, so only the gateway may set them (after it has resolved the tenant).
/// </summary>
internal static class TenantHeaderStripping
{
    public static ValueTask Apply(RequestTransformContext context)
    {
        var headers = context.ProxyRequest.Headers;
        foreach (var name in headers.Select(h => h.Key).Where(IsTenantHeader).ToList()) headers.Remove(name);
        if (context.ProxyRequest.Content is { } content)
        {
            foreach (var name in content.Headers.Select(h => h.Key).Where(IsTenantHeader).ToList()) content.Headers.Remove(name);
        }
        return ValueTask.CompletedTask;
    }

    private static bool IsTenantHeader(string name) => name.StartsWith(TenantHeaders.Prefix, StringComparison.OrdinalIgnoreCase);
}
