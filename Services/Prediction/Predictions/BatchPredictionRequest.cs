using System.Text.Json;

namespace Platform.Prediction.Predictions;

/// <summary>Up to <see cref="PredictionOptions.MaxBatchRows"/> patients scored by one model version.</summary>
public sealed record BatchPredictionRequest(IReadOnlyList<BatchPredictionRow>? Rows, string? Model = null, int? Version = null);

/// <summary>One patient of a batch.</summary>
public sealed record BatchPredictionRow(string? PatientId, JsonElement Features);
