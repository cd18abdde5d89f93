namespace Platform.Contracts.Usage;

/// <summary>
/// How much a tenant stores, sampled: <paramref name="Store"/> is <c>storage</c> (files, vectors) or
/// <c>database</c>; the sample stands for the <paramref name="CoveredHours"/> since the previous one.
/// </summary>
public sealed record StorageSampled(string TenantId, string Store, decimal Gigabytes, DateTimeOffset SampledAt, decimal CoveredHours) : ITenantMessage;
