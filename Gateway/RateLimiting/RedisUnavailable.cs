using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Gateway.RateLimiting;

/// <summary>The one answer for "a safeguard that needs Redis cannot run, so the request is not served".</summary>
public static class RedisUnavailable
{
    /// <summary>The 503 problem (with <c>Retry-After</c> set on <paramref name="response"/>), for endpoints that return results.</summary>
    public static ProblemHttpResult Problem(HttpResponse response, string what)
    {
        response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporarily unavailable",
            detail: $"The gateway cannot check {what} right now (its store is unreachable); nothing was forwarded. Retry shortly.");
    }

    public static Task Refuse(HttpContext context, string what) => Problem(context.Response, what).ExecuteAsync(context);
}
