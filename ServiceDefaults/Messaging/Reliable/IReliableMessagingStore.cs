namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>The service database side of the inbox (scoped: shares the consumer's DbContext).</summary>
public interface IReliableMessagingStore
{
    /// <summary>
    /// Runs <paramref name="apply"/> in a transaction with the inbox row, unless that row exists;
    /// false for a duplicate. <paramref name="batchable"/> lets the delivery share a transaction
    /// with others (a first attempt); retries run alone so one poison message cannot keep
    /// rolling back its neighbours.
    /// </summary>
    Task<bool> RunOnceAsync(string consumer, Guid messageId, bool batchable, Func<Task> apply, CancellationToken cancellationToken);
}
