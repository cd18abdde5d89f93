namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// Breaker thresholds by name (section <c>Resilience:CircuitBreakers</c>, e.g.
/// <c>Resilience__CircuitBreakers__database__BreakDuration=00:01:00</c>). Names without an
/// entry use <see cref="CircuitBreakerSettings"/>' defaults.
/// </summary>
public sealed class CircuitBreakerOptions
{
    public const string Section = "Resilience:CircuitBreakers";

    /// <summary>The design's defaults: database 10 failures / 30 s, notification channels 5 / 60 s, model scoring 3 / 60 s.</summary>
    public static IReadOnlyDictionary<string, CircuitBreakerSettings> Defaults => new Dictionary<string, CircuitBreakerSettings>
    {
        [CircuitBreakerNames.Database] = CircuitBreakerSettings.Of(10, 30),
        [CircuitBreakerNames.NotificationChannel] = CircuitBreakerSettings.Of(5, 60),
        [CircuitBreakerNames.ModelScoring] = CircuitBreakerSettings.Of(3, 60),
    };

    public Dictionary<string, CircuitBreakerSettings> Breakers { get; } = new(Defaults, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The settings of <paramref name="name"/>; a breaker named <c>kind:instance</c> (one per model,
    /// one per channel) without an entry of its own takes its kind's.
    /// </summary>
    public CircuitBreakerSettings For(string name) =>
        Breakers.TryGetValue(name, out var settings) ? settings
        : name.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && Breakers.TryGetValue(name[..colon], out var kind) ? kind
        : new CircuitBreakerSettings();
}
