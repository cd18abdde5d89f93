using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Platform.Gateway.Telemetry;
using Platform.Gateway.Tenancy;
using Platform.ServiceDefaults.RedisClient;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// First in the proxy pipeline: a blocked client address is refused before anything else is
/// looked at (so a flood never reaches tenant resolution); after the request, one the gateway could
/// not attribute counts against its address. The address is the connection's, or the one a
/// trusted proxy forwarded (see HttpsOptions.TrustedProxies).
/// </summary>
public sealed partial class FloodGuardMiddleware(
    RequestDelegate next,
    FloodGuard guard,
    IOptions<RateLimitOptions> options,
    GatewayMetrics metrics,
    ILogger<FloodGuardMiddleware> logger)
{
    public const string ProblemType = "/problems/address-blocked";

    public async Task InvokeAsync(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (!options.Value.FloodGuard.Enabled || address is null)
        {
            await next(context);
            return;
        }
        try
        {
            if (await guard.BlockedForAsync(address, context.RequestAborted) is { } blockedFor && blockedFor > TimeSpan.Zero)
            {
                context.Response.Headers.RetryAfter = RateLimitHeaders.Seconds(blockedFor).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Address blocked",
                    type: ProblemType,
                    detail: $"Too many unauthenticated or refused requests came from this address; it is blocked for another {RateLimitHeaders.Seconds(blockedFor)} s.").ExecuteAsync(context);
                return;
            }
        }
        catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex))
        {
            metrics.RedisFailure("flood-guard");
            if (options.Value.FailClosed)
            {
                await RedisUnavailable.Refuse(context, "the flood guard");
                return;
            }
        }

        await next(context);

        // Not tied to RequestAborted: a flooder that hangs up at once must still be counted.
        if (!GatewayAccessMiddleware.IsAttributed(context)) await CountAsync(address);
    }

    private async Task CountAsync(IPAddress address)
    {
        try
        {
            if (await guard.CountAsync(address, CancellationToken.None))
            {
                metrics.FloodBlock();
                LogBlocked(logger, FloodGuard.Key(address), options.Value.FloodGuard.BlockDuration);
            }
        }
        catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex))
        {
            metrics.RedisFailure("flood-guard");
        }
    }

    [LoggerMessage(LogLevel.Warning, "Blocked client address {Address} for {Duration}: too many unattributed requests")]
    private static partial void LogBlocked(ILogger logger, string address, TimeSpan duration);
}
