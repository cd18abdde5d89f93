namespace Platform.Contracts.Usage;

/// <summary>The gateway's count of a tenant's API calls over a window, sent in batches rather than per call.</summary>
public sealed record ApiCallsRecorded(string TenantId, long Calls, DateTimeOffset WindowStart, DateTimeOffset WindowEnd) : ITenantMessage;
