namespace Platform.Gateway.RateLimiting;

/// <summary>An API key flagged for abuse: whose it is, when it crossed the threshold, and with how many refusals in the window.</summary>
public sealed record AbuseFlag(Guid ApiKeyId, string TenantId, DateTimeOffset FlaggedAt, long RejectedInWindow);
