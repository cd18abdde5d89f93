namespace Platform.Gateway.RateLimiting;

/// <summary>Where a request left one policy: requests still allowed, and when the quota is back in full.</summary>
public sealed record RateLimitState(RateLimitPolicy Policy, long Remaining, TimeSpan Reset);
