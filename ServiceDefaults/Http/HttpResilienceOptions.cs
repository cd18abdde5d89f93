using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// Defaults for every outgoing HTTP client (configuration section <c>Resilience:Http</c>).
/// Stands in for Microsoft.Extensions.Http.Resilience's standard handler, which is not available here.
/// </summary>
public sealed class HttpResilienceOptions
{
    public const string Section = "Resilience:Http";

    /// <summary>Upper bound for one logical call, all retries included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE) only.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
