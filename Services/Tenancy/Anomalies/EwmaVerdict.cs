namespace Platform.Tenancy.Anomalies;

/// <summary>The chart's view of one day: its spend, the EWMA after it, the control limits, and whether it is out of them.</summary>
public sealed record EwmaVerdict(DateOnly Day, decimal Spend, decimal Ewma, decimal Lower, decimal Upper, bool IsAnomaly);
