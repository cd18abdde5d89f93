using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// The service's breakers by name, created on first use with the configured (or default)
/// thresholds. The database breaker exists from the start in every service with a database.
/// </summary>
public sealed class CircuitBreakerRegistry
{
    private readonly ConcurrentDictionary<string, CircuitBreaker> _breakers = new(StringComparer.OrdinalIgnoreCase);
    private readonly IOptions<CircuitBreakerOptions> _options;
    private readonly TimeProvider _time;
    private readonly CircuitBreakerMetrics _metrics;

    public CircuitBreakerRegistry(IOptions<CircuitBreakerOptions> options, TimeProvider time, CircuitBreakerMetrics metrics)
    {
        _options = options;
        _time = time;
        _metrics = metrics;
        metrics.ObserveStates(() => _breakers.Values);
    }

    public IReadOnlyCollection<CircuitBreaker> All => _breakers.Values.OrderBy(b => b.Name, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The breaker called <paramref name="name"/>. <paramref name="isFailure"/> decides which
    /// exceptions count against it (default: all but cancellation); it applies when the breaker is created.
    /// </summary>
    public CircuitBreaker Get(string name, Func<Exception, bool>? isFailure = null) =>
        _breakers.GetOrAdd(name, n => new CircuitBreaker(n, _options.Value.For(n), isFailure ?? IsFailure, _time, _metrics));

    public bool TryGet(string name, out CircuitBreaker breaker) => _breakers.TryGetValue(name, out breaker!);

    /// <summary>The database breaker counts only database and timeout failures, not the caller's own bugs.</summary>
    public CircuitBreaker Database => Get(CircuitBreakerNames.Database, IsDatabaseFailure);

    private static bool IsFailure(Exception exception) => exception is not OperationCanceledException;

    internal static bool IsDatabaseFailure(Exception exception) =>
        exception is DbException or TimeoutException || exception.InnerException is DbException or TimeoutException;
}
