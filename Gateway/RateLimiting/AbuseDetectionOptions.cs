namespace Platform.Gateway.RateLimiting;

/// <summary>An API key whose requests the gateway refuses more than <see cref="RejectedThreshold"/> times within <see cref="Window"/> is flagged for an operator.</summary>
public sealed class AbuseDetectionOptions
{
    public int RejectedThreshold { get; set; } = 50;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
