namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>The service database side of the inbox (scoped: shares the consumer's DbContext).</summary>
public interface IReliableMessagingStore
{
    /// <summary>Runs <paramref name="apply"/> in a transaction with the inbox row, unless that row exists.</summary>
    Task<bool> RunOnceAsync(string consumer, Guid messageId, Func<Task> apply, CancellationToken cancellationToken);
}
