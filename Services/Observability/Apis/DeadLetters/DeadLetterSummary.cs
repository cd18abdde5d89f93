namespace Platform.Observability.Apis.DeadLetters;

/// <summary>A dead letter in a list: everything but the headers and body.</summary>
public sealed record DeadLetterSummary(
    long Id,
    Guid? MessageId,
    string Queue,
    string OriginalQueue,
    string? MessageType,
    string? TenantId,
    string Reason,
    string? ExceptionType,
    string? ExceptionMessage,
    int RetryCount,
    int RedeliveryCount,
    DateTimeOffset FailedAt,
    DateTimeOffset ArchivedAt,
    bool Resolved,
    DateTimeOffset? ResolvedAt,
    string? Resolution,
    string? Notes);
