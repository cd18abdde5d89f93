namespace Platform.Observability.DeadLetters;

/// <summary>
/// A message that a consumer gave up on (from <c>{queue}_error</c>) or that no consumer
/// understood (<c>{queue}_skipped</c>), with why, and what an operator did about it.
/// </summary>
public sealed class DeadLetter
{
    public long Id { get; set; }

    public Guid? MessageId { get; set; }

    /// <summary>The dead-letter queue it was taken from.</summary>
    public required string Queue { get; set; }

    /// <summary>The queue it failed on, where a retry sends it back.</summary>
    public required string OriginalQueue { get; set; }

    public string? MessageType { get; set; }

    public string? TenantId { get; set; }

    /// <summary>One of <see cref="DeadLetterReasons"/>.</summary>
    public required string Reason { get; set; }

    public string? ExceptionType { get; set; }

    public string? ExceptionMessage { get; set; }

    public string? StackTrace { get; set; }

    /// <summary>Immediate retries of the last delivery.</summary>
    public int RetryCount { get; set; }

    /// <summary>Delayed redeliveries before it was given up.</summary>
    public int RedeliveryCount { get; set; }

    public DateTimeOffset FailedAt { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }

    public bool Resolved { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>One of <see cref="DeadLetterResolutions"/> once resolved.</summary>
    public string? Resolution { get; set; }

    public string? Notes { get; set; }

    /// <summary>The AMQP headers as a JSON object of strings.</summary>
    public required string Headers { get; set; }

    public string? ContentType { get; set; }

    public required byte[] Body { get; set; }

    /// <summary>Queue, message id and fault time: a delivery archived twice (ack lost) is stored once.</summary>
    public required string DedupeKey { get; set; }
}
