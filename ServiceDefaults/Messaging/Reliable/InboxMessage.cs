namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>A message a receive endpoint has applied: its row makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    /// <summary>The receive endpoint (queue) that consumed it.</summary>
    public required string Consumer { get; set; }

    public Guid MessageId { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
