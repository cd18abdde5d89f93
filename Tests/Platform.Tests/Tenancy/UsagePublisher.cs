using System.Text.Json;
using Platform.ServiceDefaults.Messaging.Reliable;
using RabbitMQ.Client;

namespace Platform.Tests.Tenancy;

/// <summary>Publishes usage events as any producer does: MassTransit's envelope on the type's exchange, with publisher confirms.</summary>
public sealed class UsagePublisher : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private UsagePublisher(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public static async Task<UsagePublisher> StartAsync(string amqpUri)
    {
        var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync(TestContext.Current.CancellationToken);
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), TestContext.Current.CancellationToken);
        return new UsagePublisher(connection, channel);
    }

    public async Task PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var id = messageId ?? Guid.NewGuid();
        var (exchange, types) = MassTransitEnvelope.Describe(typeof(T).AssemblyQualifiedName!);
        await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: TestContext.Current.CancellationToken);
        var body = MassTransitEnvelope.Write(id, types, JsonSerializer.Serialize(message, JsonSerializerOptions.Web), "rabbitmq://localhost/" + exchange,
            new Dictionary<string, string>(), DateTimeOffset.UtcNow);
        var properties = new BasicProperties { MessageId = id.ToString(), ContentType = MassTransitEnvelope.ContentType, DeliveryMode = DeliveryModes.Persistent };
        await _channel.BasicPublishAsync(exchange, "", mandatory: false, properties, body, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
