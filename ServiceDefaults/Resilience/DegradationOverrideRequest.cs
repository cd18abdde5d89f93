namespace Platform.ServiceDefaults.Resilience;

/// <summary>Body of <c>PUT /admin/degradation</c>.</summary>
public sealed record DegradationOverrideRequest(string? Level, string? Reason);
