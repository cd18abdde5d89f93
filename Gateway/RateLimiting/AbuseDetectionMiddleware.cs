using Platform.Gateway.Telemetry;
using Platform.Gateway.Tenancy;
using Platform.ServiceDefaults.RedisClient;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// After the tenant is known: a request the gateway itself refused with a 4xx (rate limited,
/// idempotency conflict, too large …) counts against its API key. A service's own 4xx is not the
/// gateway's refusal and does not count.
/// </summary>
public sealed partial class AbuseDetectionMiddleware(RequestDelegate next, AbuseDetector detector, GatewayMetrics metrics, ILogger<AbuseDetectionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var status = context.Response.StatusCode;
        if (status is < 400 or >= 500 || context.GetReverseProxyFeature().ProxiedDestination is not null) return;
        if (GatewayAccessMiddleware.TenantOf(context) is not { ApiKeyId: { } keyId } tenant) return;
        try
        {
            if (await detector.CountRejectionAsync(keyId, tenant.TenantId, CancellationToken.None))
            {
                metrics.AbuseFlag();
                LogFlagged(logger, keyId, tenant.TenantId);
            }
        }
        catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex))
        {
            metrics.RedisFailure("abuse-detection");
        }
    }

    [LoggerMessage(LogLevel.Warning, "API key {ApiKeyId} of tenant {TenantId} flagged: too many rejected requests")]
    private static partial void LogFlagged(ILogger logger, Guid apiKeyId, string tenantId);
}
