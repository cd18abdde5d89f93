using MassTransit;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Counts this instance's deliveries as they start and end, so the watchdog can tell a busy
/// consumer (messages in flight) from one that has stopped taking messages altogether.
/// </summary>
public sealed class ConsumeActivity : IConsumeObserver
{
    private long _started;
    private long _finished;

    public long Started => Interlocked.Read(ref _started);

    public long InFlight => Interlocked.Read(ref _started) - Interlocked.Read(ref _finished);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        Interlocked.Increment(ref _started);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        Interlocked.Increment(ref _finished);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        Interlocked.Increment(ref _finished);
        return Task.CompletedTask;
    }
}
