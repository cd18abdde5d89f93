namespace Platform.ServiceDefaults.Resilience;

/// <summary>The state a breaker moved to, and when.</summary>
public sealed record CircuitTransition(string To, DateTimeOffset At);
