namespace Platform.Tenancy.Anomalies;

public sealed record AnomalyReport(string TenantId, string Method, IReadOnlyList<AnomalyResponse> Anomalies);
