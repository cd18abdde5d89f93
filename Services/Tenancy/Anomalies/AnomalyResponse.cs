namespace Platform.Tenancy.Anomalies;

public sealed record AnomalyResponse(DateOnly Day, decimal Spend, decimal Ewma, decimal ExpectedLow, decimal ExpectedHigh, DateTimeOffset DetectedAt);
