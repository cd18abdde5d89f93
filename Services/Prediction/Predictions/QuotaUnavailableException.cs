namespace Platform.Prediction.Predictions;

/// <summary>
/// Tenancy could not say whether quota is left (unreachable, timed out, its breaker open, or it
/// failed itself). Nothing was charged: a request is answered 503, a job is retried.
/// </summary>
public sealed class QuotaUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
