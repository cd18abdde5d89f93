using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Models;

/// <summary>
/// What a request will be scored with: <see cref="Model"/> (null when the name is known but
/// nothing of it can serve), the version standing in for it should it fail to score, and whether
/// it already stands in for the intended version (<see cref="Degraded"/>, with the reason).
/// <see cref="Guarded"/> models score behind the model circuit breaker: the intended version of a
/// request that names none. A request for an exact version gets exactly that, with no fallback.
/// </summary>
public sealed record ModelChoice(RiskModel? Model, RiskModel? Fallback, bool Guarded, bool Degraded, string? Reason);
