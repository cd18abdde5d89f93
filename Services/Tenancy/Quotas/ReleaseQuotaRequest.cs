namespace Platform.Tenancy.Quotas;

/// <summary>Units consumed but not used after all (rows that failed), given back.</summary>
public sealed record ReleaseQuotaRequest(long Units);
