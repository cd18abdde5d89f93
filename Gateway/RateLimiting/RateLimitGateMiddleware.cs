namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Last before the proxy: a request is forwarded only once its rate-limit decision has come back
/// and let it through (see <see cref="RateLimitAdmission"/>).
/// </summary>
public sealed class RateLimitGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (await RateLimitAdmission.PassAsync(context)) await next(context);
    }
}
