namespace Platform.Gateway.Tenancy;

/// <summary>A tenant's effective limits as tenancy reports them; a null quota is unlimited.</summary>
public sealed record TenantLimits(long? MonthlyPredictions, long? StorageGb, int RequestsPerMinute, int Burst);
