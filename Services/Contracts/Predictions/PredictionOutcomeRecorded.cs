namespace Platform.Contracts.Predictions;

/// <summary>
/// What really happened to a scored patient (<paramref name="Interrupted"/>: treatment was
/// interrupted), reported by the clinic, with what the model had said: the input of accuracy and
/// concept-drift monitoring. No patient id: monitoring needs the pair, not the person.
/// </summary>
public sealed record PredictionOutcomeRecorded(
    string TenantId, Guid PredictionId, string Model, int ModelVersion, double Risk, string Level, bool Interrupted, DateTimeOffset PredictedAt, DateTimeOffset ObservedAt) : ITenantMessage;
