namespace Platform.Observability.Apis.DeadLetters;

public sealed record CleanupResult(int Deleted, DateTimeOffset ResolvedBefore);
