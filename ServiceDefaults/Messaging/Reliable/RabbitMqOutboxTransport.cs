using MassTransit.Logging;
using Platform.ServiceDefaults.Tenancy;
using RabbitMQ.Client;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>Publishes outbox rows in MassTransit's envelope, confirmed by the broker, to each type's fanout exchange.</summary>
public sealed class RabbitMqOutboxTransport(RabbitMqConfirmingPublisher publisher)
{
    internal Task PublishAsync(IReadOnlyList<OutboxMessage> batch, TimeProvider time, CancellationToken cancellationToken) =>
        publisher.RunAsync(channel => Task.WhenAll(batch.Select(m => PublishAsync(channel, m, time, cancellationToken))), cancellationToken);

    private async Task PublishAsync(IChannel channel, OutboxMessage message, TimeProvider time, CancellationToken cancellationToken)
    {
        var (exchange, messageTypes) = MassTransitEnvelope.Describe(message.MessageType);
        await publisher.DeclareOnceAsync(channel, "exchange:" + exchange,
            c => c.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken));
        var headers = new Dictionary<string, string>();
        if (message.TenantId is not null) headers[TenantHeaders.TenantId] = message.TenantId;
        // MassTransit starts the consumer's activity as a child of MT-Activity-Id; other AMQP
        // consumers find the same value under the W3C name.
        if (message.TraceParent is not null)
        {
            headers[DiagnosticHeaders.ActivityId] = message.TraceParent;
            headers["traceparent"] = message.TraceParent;
        }
        var body = MassTransitEnvelope.Write(message.MessageId, messageTypes, message.Body, publisher.AddressBase + exchange, headers, time.GetUtcNow());
        var properties = new BasicProperties
        {
            MessageId = message.MessageId.ToString(),
            ContentType = MassTransitEnvelope.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers.ToDictionary(h => h.Key, h => (object?)h.Value),
        };
        await channel.BasicPublishAsync(exchange, routingKey: "", mandatory: false, properties, body, cancellationToken);
    }
}
