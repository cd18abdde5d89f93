namespace Platform.Gateway.RateLimiting;

/// <summary>
/// What the rate limiter decided for one request: the limiter's verdict (<see cref="RateLimitVerdict.Unchecked"/>
/// when Redis could not be asked), and whether the gateway then fails closed.
/// </summary>
public sealed record RateLimitDecision(RateLimitVerdict Verdict, bool FailedClosed)
{
    public bool Passes => !FailedClosed && Verdict.Allowed;
}
