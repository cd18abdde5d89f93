namespace Platform.Prediction.Predictions;

/// <summary>A page of predictions, newest first; <see cref="NextCursor"/> fetches the next one (null on the last).</summary>
public sealed record PredictionPage(IReadOnlyList<PredictionSummary> Items, string? NextCursor);
