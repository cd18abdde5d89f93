namespace Platform.ServiceDefaults.Resilience;

/// <summary>What <c>/health/degradation</c> answers: the effective level, what it was derived from, and any override.</summary>
public sealed record DegradationReport(
    string Service,
    DegradationLevel Level,
    DegradationLevel DerivedLevel,
    IReadOnlyList<string> Reasons,
    DegradationOverride? Override,
    DateTimeOffset EvaluatedAt);
