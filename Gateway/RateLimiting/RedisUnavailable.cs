namespace Platform.Gateway.RateLimiting;

/// <summary>The one answer for "a safeguard that needs Redis cannot run, so the request is not served".</summary>
public static class RedisUnavailable
{
    public static Task Refuse(HttpContext context, string what)
    {
        context.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Temporarily unavailable",
            detail: $"The gateway cannot check {what} right now (its store is unreachable); nothing was forwarded. Retry shortly.").ExecuteAsync(context);
    }
}
