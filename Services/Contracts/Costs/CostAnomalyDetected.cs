namespace Platform.Contracts.Costs;

/// <summary>
/// A tenant's daily spend left its expected range (an EWMA control chart over its history).
/// <paramref name="ExpectedLow"/> and <paramref name="ExpectedHigh"/> bound the chart's statistic,
/// <paramref name="Ewma"/>, which the day moved outside them.
/// </summary>
public sealed record CostAnomalyDetected(
    string TenantId,
    DateOnly Day,
    decimal Spend,
    decimal Ewma,
    decimal ExpectedLow,
    decimal ExpectedHigh,
    string Method,
    DateTimeOffset DetectedAt) : ITenantMessage;
