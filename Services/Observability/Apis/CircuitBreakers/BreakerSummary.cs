namespace Platform.Observability.Apis.CircuitBreakers;

/// <summary>The platform's breakers at a glance: how many in each state, rejected calls, the ones not closed.</summary>
public sealed record BreakerSummary(
    int Services,
    int Unreachable,
    IReadOnlyDictionary<string, int> ByState,
    long Failures,
    long RejectedCalls,
    IReadOnlyList<string> NotClosed);
