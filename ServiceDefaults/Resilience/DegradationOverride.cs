namespace Platform.ServiceDefaults.Resilience;

/// <summary>A level set by an operator, which replaces the derived one until cleared.</summary>
public sealed record DegradationOverride(DegradationLevel Level, string Reason, DateTimeOffset SetAt);
