namespace Platform.Prediction.Outcomes;

/// <summary>The observed outcome: whether treatment was interrupted, and when that was known (default: now).</summary>
public sealed record OutcomeRequest(bool? Interrupted, DateTimeOffset? ObservedAt);
