using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// <c>platform.circuit_breaker.state</c> (0 closed, 1 open, 2 half-open, 3 isolated),
/// <c>platform.circuit_breaker.transitions</c> and <c>platform.circuit_breaker.rejections</c>, tagged by breaker name.
/// </summary>
public sealed class CircuitBreakerMetrics
{
    public const string MeterName = "Platform.Resilience";

    private readonly Counter<long> _transitions;
    private readonly Counter<long> _rejections;

    public CircuitBreakerMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _transitions = Meter.CreateCounter<long>("platform.circuit_breaker.transitions", description: "Circuit breaker state changes.");
        _rejections = Meter.CreateCounter<long>("platform.circuit_breaker.rejections", description: "Calls rejected by an open or isolated circuit breaker.");
    }

    internal Meter Meter { get; }

    internal void Transitioned(string name, CircuitState to) =>
        _transitions.Add(1, new KeyValuePair<string, object?>("breaker", name), new KeyValuePair<string, object?>("to", to.ToString()));

    internal void Rejected(string name) => _rejections.Add(1, new KeyValuePair<string, object?>("breaker", name));

    internal void ObserveStates(Func<IEnumerable<CircuitBreaker>> breakers) =>
        Meter.CreateObservableGauge("platform.circuit_breaker.state", () => breakers().Select(b =>
            new Measurement<int>(StateValue(b.State), new KeyValuePair<string, object?>("breaker", b.Name))),
            description: "Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 isolated.");

    internal static int StateValue(CircuitState state) => state switch
    {
        CircuitState.Closed => 0,
        CircuitState.Open => 1,
        CircuitState.HalfOpen => 2,
        _ => 3,
    };
}
