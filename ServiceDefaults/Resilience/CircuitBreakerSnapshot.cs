namespace Platform.ServiceDefaults.Resilience;

/// <summary>A breaker as the admin API reports it. Counts are since the process started.</summary>
public sealed record CircuitBreakerSnapshot(
    string Name,
    string State,
    double FailureRatio,
    int MinimumThroughput,
    TimeSpan SamplingDuration,
    TimeSpan BreakDuration,
    long Successes,
    long Failures,
    long RejectedCalls,
    long Openings,
    CircuitTransition? LastTransition);
