using Polly;
using Polly.CircuitBreaker;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// A named Polly.Core circuit breaker with what operators need to see and steer it: state,
/// counts of failures and rejected calls, the last transition, and manual reset and isolation.
/// </summary>
public sealed class CircuitBreaker
{
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly CircuitBreakerManualControl _control = new();
    private readonly Func<Exception, bool> _isFailure;
    private readonly TimeProvider _time;
    private readonly CircuitBreakerMetrics _metrics;
    private long _successes;
    private long _failures;
    private long _rejections;
    private long _openings;
    private CircuitTransition? _lastTransition;

    internal CircuitBreaker(string name, CircuitBreakerSettings settings, Func<Exception, bool> isFailure, TimeProvider time, CircuitBreakerMetrics metrics)
    {
        Name = name;
        Settings = settings;
        _isFailure = isFailure;
        _time = time;
        _metrics = metrics;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                Name = name,
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && _isFailure(ex)),
                StateProvider = _state,
                ManualControl = _control,
                OnOpened = _ =>
                {
                    Interlocked.Increment(ref _openings);
                    return Transition(CircuitState.Open);
                },
                OnClosed = _ => Transition(CircuitState.Closed),
                OnHalfOpened = _ => Transition(CircuitState.HalfOpen),
            })
            .Build();
    }

    public string Name { get; }

    public CircuitBreakerSettings Settings { get; }

    public CircuitState State => _state.CircuitState;

    /// <summary>
    /// Runs <paramref name="action"/> through the breaker. While it is open (or isolated) the call
    /// is rejected at once with <see cref="BrokenCircuitException"/>, or answered by
    /// <paramref name="fallback"/> when one is given.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken, Func<BrokenCircuitException, Task<T>>? fallback = null)
    {
        try
        {
            var result = await _pipeline.ExecuteAsync(async ct => await action(ct), cancellationToken);
            Interlocked.Increment(ref _successes);
            return result;
        }
        catch (BrokenCircuitException rejected)
        {
            Interlocked.Increment(ref _rejections);
            _metrics.Rejected(Name);
            if (fallback is null) throw;
            return await fallback(rejected);
        }
        catch (Exception ex) when (_isFailure(ex))
        {
            Interlocked.Increment(ref _failures);
            throw;
        }
    }

    public Task ExecuteAsync(Func<CancellationToken, Task> action, CancellationToken cancellationToken) =>
        ExecuteAsync<bool>(async ct =>
        {
            await action(ct);
            return true;
        }, cancellationToken);

    /// <summary>Closes the breaker (also ends an isolation).</summary>
    public Task ResetAsync() => _control.CloseAsync();

    /// <summary>Holds the breaker open until <see cref="ResetAsync"/>: every call is rejected.</summary>
    public Task IsolateAsync() => _control.IsolateAsync();

    public CircuitBreakerSnapshot Snapshot() => new(
        Name,
        State.ToString(),
        Settings.FailureRatio,
        Settings.MinimumThroughput,
        Settings.SamplingDuration,
        Settings.BreakDuration,
        Interlocked.Read(ref _successes),
        Interlocked.Read(ref _failures),
        Interlocked.Read(ref _rejections),
        Interlocked.Read(ref _openings),
        Volatile.Read(ref _lastTransition));

    private ValueTask Transition(CircuitState to)
    {
        // Isolation is reported by the state provider; Polly raises OnOpened for it too.
        var state = _state.CircuitState == CircuitState.Isolated ? CircuitState.Isolated : to;
        Volatile.Write(ref _lastTransition, new CircuitTransition(state.ToString(), _time.GetUtcNow()));
        _metrics.Transitioned(Name, state);
        return ValueTask.CompletedTask;
    }
}
