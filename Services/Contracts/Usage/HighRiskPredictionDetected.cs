namespace Platform.Contracts.Usage;

/// <summary>
/// A prediction at or above the model's High threshold, for alerting. <paramref name="PatientId"/>
/// is the tenant's opaque, pseudonymous id: no personal identifier travels on the bus.
/// </summary>
public sealed record HighRiskPredictionDetected(
    string TenantId, Guid PredictionId, string PatientId, string Model, int ModelVersion, double Risk, string Level, DateTimeOffset DetectedAt) : ITenantMessage;
