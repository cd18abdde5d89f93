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

    public CircuitBreakerSettings For(string name) => Breakers.TryGetValue(name, out var settings) ? settings : new CircuitBreakerSettings();
}
