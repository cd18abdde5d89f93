namespace Platform.Contracts.Predictions;

/// <summary>
/// A tenant's asynchronous scoring job is stored and waits to be run. The rows stay in the
/// prediction service's database (a job may be tens of megabytes; the bus carries the id).
/// Retried on the batch-prediction policy.
/// </summary>
[MessageKind(MessageKinds.BatchPrediction)]
public sealed record PredictionJobSubmitted(string TenantId, Guid JobId) : ITenantMessage;
