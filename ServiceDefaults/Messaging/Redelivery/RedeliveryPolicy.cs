using System.ComponentModel.DataAnnotations;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Delayed redeliveries after the immediate retries: attempt n waits
/// <c>InitialDelay × Factor^(n-1)</c>, spread by ±<see cref="Jitter"/> so a burst of failures
/// does not come back as a burst.
/// </summary>
public sealed class RedeliveryPolicy
{
    [Range(0, 50)]
    public int Retries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1.0, 10.0)]
    public double Factor { get; set; } = 2.0;

    /// <summary>Fraction of the delay added or removed at random (0.1 = ±10 %).</summary>
    [Range(0.0, 0.5)]
    public double Jitter { get; set; } = 0.1;

    /// <summary>The un-jittered delay before redelivery <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan BaseDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Round(InitialDelay.TotalMilliseconds * Math.Pow(Factor, attempt - 1)));

    public TimeSpan JitteredDelay(int attempt, double random01) =>
        TimeSpan.FromMilliseconds(Math.Max(1, Math.Round(BaseDelay(attempt).TotalMilliseconds * (1 + Jitter * (2 * random01 - 1)))));

    internal static RedeliveryPolicy Of(int retries, double initialSeconds, double factor) =>
        new() { Retries = retries, InitialDelay = TimeSpan.FromSeconds(initialSeconds), Factor = factor };
}
