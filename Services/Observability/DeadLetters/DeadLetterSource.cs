namespace Platform.Observability.DeadLetters;

/// <summary>
/// A receive queue some service announced; the archiver drains its <c>_error</c> and
/// <c>_skipped</c> queues once they exist.
/// </summary>
public sealed class DeadLetterSource
{
    public required string Queue { get; set; }

    public required string Service { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }
}
