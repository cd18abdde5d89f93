namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>A message body above <see cref="DelayedRedeliveryOptions.MaxMessageBytes"/>: never retried, archived with reason "oversized".</summary>
public sealed class MessageTooLargeException(long size, int limit)
    : Exception($"The message body is {size} bytes; the limit is {limit} bytes.")
{
    public long Size { get; } = size;

    public int Limit { get; } = limit;
}
