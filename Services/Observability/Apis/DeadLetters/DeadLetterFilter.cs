namespace Platform.Observability.Apis.DeadLetters;

/// <summary>Which dead letters a list or batch retry covers; every field optional.</summary>
public sealed record DeadLetterFilter(string? Queue, string? MessageType, string? Tenant, DateTimeOffset? Since, bool? Resolved);
