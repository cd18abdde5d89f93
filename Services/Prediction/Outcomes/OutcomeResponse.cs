namespace Platform.Prediction.Outcomes;

/// <summary>A recorded outcome with the prediction it settles.</summary>
public sealed record OutcomeResponse(Guid PredictionId, bool Interrupted, DateTimeOffset ObservedAt, DateTimeOffset RecordedAt, double Risk, string Model, int ModelVersion)
{
    public static OutcomeResponse Of(PredictionOutcome outcome, Predictions.StoredPrediction prediction) =>
        new(outcome.PredictionId, outcome.Interrupted, outcome.ObservedAt, outcome.RecordedAt, prediction.Risk, prediction.ModelName, prediction.ModelVersion);
}
