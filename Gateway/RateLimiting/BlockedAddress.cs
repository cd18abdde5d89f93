namespace Platform.Gateway.RateLimiting;

/// <summary>A client address the flood guard blocks, and until when.</summary>
public sealed record BlockedAddress(string Address, DateTimeOffset BlockedUntil);
