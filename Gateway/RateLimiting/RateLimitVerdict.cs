namespace Platform.Gateway.RateLimiting;

/// <summary>
/// The limiter's answer for one request. <see cref="States"/> is empty when no limit could be
/// checked (Redis unreachable, failing open).
/// </summary>
public sealed record RateLimitVerdict(bool Allowed, IReadOnlyList<RateLimitState> States, TimeSpan RetryAfter)
{
    public static readonly RateLimitVerdict Unchecked = new(true, [], TimeSpan.Zero);

    /// <summary>The policy closest to running out: the one the X-RateLimit-* headers describe.</summary>
    public RateLimitState? Tightest => States.Count == 0 ? null : States.MinBy(s => s.Remaining);
}
