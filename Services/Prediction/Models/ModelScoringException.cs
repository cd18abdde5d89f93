namespace Platform.Prediction.Models;

/// <summary>A model produced no usable score (a logit that is infinite or not a number): a failure of the model, counted by its circuit breaker.</summary>
public sealed class ModelScoringException(string message) : Exception(message);
