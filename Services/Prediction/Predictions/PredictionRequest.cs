using System.Text.Json;

namespace Platform.Prediction.Predictions;

/// <summary>One patient to score: an opaque, pseudonymous id and the model's features; the active version of <see cref="Model"/> unless <see cref="Version"/> names one.</summary>
public sealed record PredictionRequest(string? PatientId, JsonElement Features, string? Model = null, int? Version = null);
