using Platform.Prediction.Predictions;
using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Jobs;

/// <summary>
/// One row of a job's input and what became of it: <c>scored</c> (prediction id, risk, level),
/// <c>error</c> (the field and why: never charged) or <c>quota-refused</c> (never charged).
/// </summary>
public sealed record JobRowResult(int Row, string Outcome, Guid? PredictionId, string? PatientId, double? Risk, RiskLevel? Level, IReadOnlyList<BatchRowError>? Errors);
