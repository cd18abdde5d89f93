using System.Collections.Concurrent;
using MassTransit;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// The durable queues this instance consumes from, as their endpoints become ready; announced
/// so the observability service knows which <c>_error</c> queues to archive. The bus's own
/// temporary response queue is left out.
/// </summary>
public sealed class ReceiveQueueObserver : IReceiveEndpointObserver
{
    private readonly ConcurrentDictionary<string, bool> _queues = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Queues => _queues.Keys.Order(StringComparer.Ordinal).ToArray();

    public Task Ready(ReceiveEndpointReady ready)
    {
        var address = ready.InputAddress;
        if (!address.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase)
            && !address.Query.Contains("autodelete=true", StringComparison.OrdinalIgnoreCase))
            _queues.TryAdd(RabbitMqAddress.QueueOf(address), true);
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;
}
