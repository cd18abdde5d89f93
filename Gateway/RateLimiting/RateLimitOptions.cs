using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.RateLimiting;

/// <summary>Distributed request limits (configuration section <c>Gateway:RateLimits</c>).</summary>
public sealed class RateLimitOptions : IValidatableObject
{
    public const string Section = "Gateway:RateLimits";

    /// <summary>The route group of routes without <c>RateLimitGroup</c> metadata: limited by the tenant's tier.</summary>
    public const string DefaultGroup = "default";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Redis unreachable: serve the request unlimited (false, the default: an outage of the limiter
    /// must not become an outage of the API) or refuse it with 503 (true).
    /// </summary>
    public bool FailClosed { get; set; }

    /// <summary>
    /// The sliding window every quota is counted over. Quotas are "per minute" at the default;
    /// tests shorten the window to see its edge in seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Quotas per tenant for named route groups (routes name theirs with <c>RateLimitGroup</c>
    /// metadata), on top of the tier's overall quota. Keys add to or replace the defaults.
    /// </summary>
    public Dictionary<string, int> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["alerts"] = 100,
        ["webhooks"] = 200,
    };

    /// <summary>API calls are counted and reported per tenant in buckets of this length (one minute; tests shorten it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan UsageBucket { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often finished minutes of API-call counts are reported to tenancy.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan UsageReportInterval { get; set; } = TimeSpan.FromSeconds(10);

    [Required]
    public FloodGuardOptions FloodGuard { get; set; } = new();

    [Required]
    public AbuseDetectionOptions AbuseDetection { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (group, limit) in Groups)
        {
            if (limit < 1) yield return new ValidationResult($"Groups:{group} must be at least 1.", [nameof(Groups)]);
        }
        if (FloodGuard.RequestsPerWindow < 1) yield return new ValidationResult("FloodGuard:RequestsPerWindow must be at least 1.", [nameof(FloodGuard)]);
        if (FloodGuard.BlockDuration <= TimeSpan.Zero) yield return new ValidationResult("FloodGuard:BlockDuration must be positive.", [nameof(FloodGuard)]);
        if (AbuseDetection.RejectedThreshold < 1) yield return new ValidationResult("AbuseDetection:RejectedThreshold must be at least 1.", [nameof(AbuseDetection)]);
        if (AbuseDetection.Window <= TimeSpan.Zero) yield return new ValidationResult("AbuseDetection:Window must be positive.", [nameof(AbuseDetection)]);
    }
}
