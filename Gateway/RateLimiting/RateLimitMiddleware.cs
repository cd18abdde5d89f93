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
/// The check is sent to Redis and the request goes on while it travels: the steps after this one
/// may get ready (read the body, claim the idempotency key) but wait for the decision before they
/// answer or forward anything (<see cref="RateLimitAdmission"/>). That saves the request one
/// Redis round trip of waiting.
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
        var admission = new RateLimitAdmission(DecideAsync(tenant, RouteGroups.Of(context), context.RequestAborted));
        context.Features.Set(admission);
        try
        {
            await next(context);
        }
        catch
        {
            // The pipeline failed before it asked for the decision: a failed check must not go unobserved.
            _ = admission.Decision.ContinueWith(static check => check.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }

        RateLimitDecision decided;
        try
        {
            decided = await admission.Decision;
        }
        catch when (context.Response.HasStarted)
        {
            return; // whoever answered asked first, and saw this failure already
        }
        // Everything after this middleware waits for a pass before it answers, so a refused request
        // has no response yet.
        if (decided.Passes || context.Response.HasStarted) return;
        admission.WriteHeaders(context.Response, decided);
        if (decided.FailedClosed)
        {
            await RedisUnavailable.Refuse(context, "rate limits");
            return;
        }
        var verdict = decided.Verdict;
        var spent = verdict.States.Where(s => s.Remaining == 0).Select(s => s.Policy.Name).DefaultIfEmpty(verdict.Tightest!.Policy.Name);
        context.Response.Headers.RetryAfter = RateLimitHeaders.Seconds(verdict.RetryAfter).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Rate limit exceeded",
            type: ProblemType,
            detail: $"The {string.Join(" and ", spent)} rate limit is spent; retry after {RateLimitHeaders.Seconds(verdict.RetryAfter)} s. Nothing was forwarded.",
            extensions: new Dictionary<string, object?> { ["policies"] = spent.ToArray() }).ExecuteAsync(context);
    }

    private async Task<RateLimitDecision> DecideAsync(TenantIdentity tenant, string group, CancellationToken cancellationToken)
    {
        try
        {
            var verdict = await limiter.CheckAsync(tenant, group, cancellationToken);
            metrics.RateLimitDecision(verdict.Allowed ? "allowed" : "rejected", group);
            return new RateLimitDecision(verdict, FailedClosed: false);
        }
        catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex))
        {
            metrics.RedisFailure("rate-limit");
            if (options.Value.FailClosed)
            {
                metrics.RateLimitDecision("failed-closed", group);
                return new RateLimitDecision(RateLimitVerdict.Unchecked, FailedClosed: true);
            }
            metrics.RateLimitDecision("failed-open", group);
            LogFailedOpen(logger, ex.GetType().Name, ex.Message);
            return new RateLimitDecision(RateLimitVerdict.Unchecked, FailedClosed: false);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Rate limits not checked, Redis unavailable ({ExceptionType}: {Reason}); request served (fail-open)")]
    private static partial void LogFailedOpen(ILogger logger, string exceptionType, string reason);
}
