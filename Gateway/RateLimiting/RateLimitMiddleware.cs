using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.Gateway.Telemetry;
using Platform.Gateway.Tenancy;
using Platform.ServiceDefaults.RedisClient;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Runs after the tenant is known: checks the tenant's and the key's limits, writes the RateLimit
/// headers on the response whatever it turns out to be, and answers 429 with <c>Retry-After</c>
/// when a limit is spent. Requests without a tenant (admin routes) are not limited here.
/// </summary>
public sealed partial class RateLimitMiddleware(
    RequestDelegate next,
    RedisRateLimiter limiter,
    IOptions<RateLimitOptions> options,
    GatewayMetrics metrics,
    ILogger<RateLimitMiddleware> logger)
{
    public const string ProblemType = "/problems/rate-limited";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.Enabled || GatewayAccessMiddleware.TenantOf(context) is not { } tenant)
        {
            await next(context);
            return;
        }
        var group = RouteGroups.Of(context);
        RateLimitVerdict verdict;
        try
        {
            verdict = await limiter.CheckAsync(tenant, group, context.RequestAborted);
        }
        catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex))
        {
            metrics.RedisFailure("rate-limit");
            if (options.Value.FailClosed)
            {
                metrics.RateLimitDecision("failed-closed", group);
                await RedisUnavailable.Refuse(context, "rate limits");
                return;
            }
            metrics.RateLimitDecision("failed-open", group);
            LogFailedOpen(logger, ex.GetType().Name, ex.Message);
            await next(context);
            return;
        }

        RateLimitHeaders.Write(context.Response.Headers, verdict);
        metrics.RateLimitDecision(verdict.Allowed ? "allowed" : "rejected", group);
        if (verdict.Allowed)
        {
            await next(context);
            return;
        }
        var spent = verdict.States.Where(s => s.Remaining == 0).Select(s => s.Policy.Name).DefaultIfEmpty(verdict.Tightest!.Policy.Name);
        context.Response.Headers.RetryAfter = RateLimitHeaders.Seconds(verdict.RetryAfter).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Rate limit exceeded",
            type: ProblemType,
            detail: $"The {string.Join(" and ", spent)} rate limit is spent; retry after {RateLimitHeaders.Seconds(verdict.RetryAfter)} s. Nothing was forwarded.",
            extensions: new Dictionary<string, object?> { ["policies"] = spent.ToArray() }).ExecuteAsync(context);
    }

    [LoggerMessage(LogLevel.Warning, "Rate limits not checked, Redis unavailable ({ExceptionType}: {Reason}); request served (fail-open)")]
    private static partial void LogFailedOpen(ILogger logger, string exceptionType, string reason);
}
