namespace Platform.Observability.Apis.DeadLetters;

/// <summary>Archive totals; the resolution rate is resolved / total (0 when empty).</summary>
public sealed record DeadLetterStats(
    int Total,
    int Unresolved,
    int Resolved,
    double ResolutionRate,
    double? OldestUnresolvedAgeSeconds,
    IReadOnlyList<DeadLetterCount> ByQueue,
    IReadOnlyList<DeadLetterCount> ByMessageType,
    IReadOnlyList<DeadLetterCount> ByReason);
