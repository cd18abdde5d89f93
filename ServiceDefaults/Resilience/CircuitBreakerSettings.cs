using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// One breaker's thresholds: it opens when, within <see cref="SamplingDuration"/>, at least
/// <see cref="MinimumThroughput"/> calls were made and at least <see cref="FailureRatio"/> of
/// them failed; it stays open for <see cref="BreakDuration"/>, then lets one trial call through.
/// </summary>
public sealed class CircuitBreakerSettings
{
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    [Range(2, 100_000)]
    public int MinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    internal static CircuitBreakerSettings Of(int failures, int breakSeconds) =>
        new() { MinimumThroughput = failures, BreakDuration = TimeSpan.FromSeconds(breakSeconds) };
}
