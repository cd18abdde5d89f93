namespace Platform.Gateway.RateLimiting;

/// <summary>
/// A request's rate-limit decision while its check is still on the way to and from Redis. The rate
/// limiter starts the check and lets the request go on, so the step after it can send its own
/// Redis command (the idempotency claim) at once instead of one round trip later. The rule for
/// every step between the rate limiter and the proxy: no response is written and nothing is
/// forwarded before <see cref="PassAsync"/> said yes (<see cref="RateLimitGateMiddleware"/> asks
/// last, before the proxy). A refused request is answered by <see cref="RateLimitMiddleware"/>.
/// </summary>
public sealed class RateLimitAdmission(Task<RateLimitDecision> decision)
{
    private bool _headersWritten;

    public Task<RateLimitDecision> Decision => decision;

    /// <summary>
    /// Waits for the decision, writes the RateLimit headers on the response (once) and says whether
    /// the request may go on. True at once for a request the rate limiter does not check.
    /// </summary>
    public static ValueTask<bool> PassAsync(HttpContext context) =>
        context.Features.Get<RateLimitAdmission>() is { } admission ? admission.PassAsync(context.Response) : ValueTask.FromResult(true);

    private async ValueTask<bool> PassAsync(HttpResponse response)
    {
        var decided = await decision;
        WriteHeaders(response, decided);
        return decided.Passes;
    }

    // Written on the request's own flow, never from the check's continuation: a response's headers
    // are not safe to touch from two threads.
    internal void WriteHeaders(HttpResponse response, RateLimitDecision decided)
    {
        if (_headersWritten) return;
        _headersWritten = true;
        RateLimitHeaders.Write(response.Headers, decided.Verdict);
    }
}
