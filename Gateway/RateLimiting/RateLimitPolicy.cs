namespace Platform.Gateway.RateLimiting;

/// <summary>One quota: <paramref name="Quota"/> requests per <paramref name="Window"/>, named as the <c>RateLimit-Policy</c> header names it.</summary>
public sealed record RateLimitPolicy(string Name, long Quota, TimeSpan Window);
