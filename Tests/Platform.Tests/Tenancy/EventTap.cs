using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Tests.Tenancy;

/// <summary>Listens to message-type exchanges with a private queue, as another service's consumer would.</summary>
public sealed class EventTap : IDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly ConcurrentQueue<(string Type, JsonElement Message)> _received = new();

    private EventTap(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    public static async Task<EventTap> StartAsync(string amqpUri, params string[] exchanges)
    {
        var cancel = TestContext.Current.CancellationToken;
        var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync(cancel);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancel);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancel)).QueueName;
        foreach (var exchange in exchanges)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: cancel);
            await channel.QueueBindAsync(queue, exchange, "", cancellationToken: cancel);
        }
        var tap = new EventTap(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            var type = envelope.RootElement.GetProperty("messageType")[0].GetString()!.Split(':')[^1];
            tap._received.Enqueue((type, envelope.RootElement.GetProperty("message").Clone()));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer, cancel);
        return tap;
    }

    /// <summary>The first <paramref name="count"/> events about <paramref name="tenantId"/>, in arrival order.</summary>
    public async Task<List<(string Type, JsonElement Message)>> WaitForAsync(string tenantId, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var mine = _received.Where(e => e.Message.GetProperty("tenantId").GetString() == tenantId).ToList();
            if (mine.Count >= count) return mine;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{mine.Count} of {count} events for {tenantId}: {string.Join(", ", mine.Select(m => m.Type))}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose()
    {
        _channel.Dispose();
        _connection.Dispose();
    }
}
