namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>Wakes the dispatcher as soon as something may have been committed to the outbox.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up drains everything.
        }
    }

    public void Dispose() => _pending.Dispose();

    /// <summary>Waits for a signal or <paramref name="timeout"/>, whichever comes first; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pending.WaitAsync(timeout, cancellationToken);
}
