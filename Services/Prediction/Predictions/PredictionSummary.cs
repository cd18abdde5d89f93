using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Predictions;

/// <summary>One prediction in a list: what was said and, once reported, what happened (<see cref="Interrupted"/>).</summary>
public sealed record PredictionSummary(
    Guid Id, string PatientId, double Risk, RiskLevel Level, string Model, int ModelVersion, bool Degraded, DateTimeOffset CreatedAt, bool? Interrupted);
