using Platform.ServiceDefaults.Resilience;

namespace Platform.Observability.Apis.CircuitBreakers;

/// <summary>One service's breakers, or why they could not be read.</summary>
public sealed record ServiceBreakers(string Service, IReadOnlyList<CircuitBreakerSnapshot> Breakers, string? Error);
