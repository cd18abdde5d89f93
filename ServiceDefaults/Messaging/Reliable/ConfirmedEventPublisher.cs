namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// Publishes an event now, in the envelope and over the confirmed channel the outbox uses, under
/// a message id the caller chooses. For a process without a database that keeps what it reports
/// elsewhere until the broker has confirmed it (the gateway's API-call counts wait in Redis): a
/// retry after a crash publishes the same id again, and inbox consumers apply it once.
/// </summary>
public sealed class ConfirmedEventPublisher(RabbitMqOutboxTransport transport, TimeProvider time)
{
    public Task PublishAsync<T>(IReadOnlyList<(T Message, Guid MessageId)> events, CancellationToken cancellationToken) where T : class =>
        transport.PublishAsync([.. events.Select(e => OutboxMessage.For(e.Message, e.MessageId, ambientTenant: null, time.GetUtcNow()))], time, cancellationToken);
}
