using System.Diagnostics;
using System.Text.Json;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Messaging.Reliable;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Benchmarks.Messaging;

/// <summary>
/// The baseline: RabbitMQ.Client alone, with the same topology (fanout exchange bound to a durable
/// queue), persistent messages of the same size (MassTransit's envelope), publisher confirms, the
/// same prefetch and the same publish window as the MassTransit path, and manual acknowledgements.
/// </summary>
public static class RawClientPath
{
    private const string Exchange = "bench:raw-event";
    private const string Queue = "bench-raw";

    public static async Task<PathResult> RunAsync(string connectionString, int events, int window, ushort prefetch)
    {
        var factory = RabbitMqAddress.Parse(connectionString).CreateFactory("bench-raw");
        await using var connection = await factory.CreateConnectionAsync();
        await using var consuming = await connection.CreateChannelAsync();
        await consuming.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
        await consuming.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        await consuming.QueueBindAsync(Queue, Exchange, routingKey: "");
        await consuming.QueuePurgeAsync(Queue);
        await consuming.BasicQosAsync(0, prefetch, global: false);

        var samples = new LatencySamples(events);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            // Read the envelope as a consumer must, then acknowledge.
            using var envelope = JsonDocument.Parse(delivery.Body);
            samples.Record(envelope.RootElement.GetProperty("message").GetProperty("sentTimestamp").GetInt64());
            await consuming.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await consuming.BasicConsumeAsync(Queue, autoAck: false, consumer);

        await using var publishing = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var types = new[] { MassTransitEnvelope.Urn("Platform.Benchmarks.Messaging.BenchEvent") };
        var headers = new Dictionary<string, string>();
        var clock = Stopwatch.StartNew();
        await PublishWindow.RunAsync(events, window, i =>
        {
            var message = JsonSerializer.Serialize(new BenchEvent(Guid.NewGuid(), Stopwatch.GetTimestamp(), "acme-clinic", i), JsonSerializerOptions.Web);
            var body = MassTransitEnvelope.Write(Guid.NewGuid(), types, message, "rabbitmq://localhost/" + Exchange, headers, DateTimeOffset.UtcNow);
            var properties = new BasicProperties { ContentType = MassTransitEnvelope.ContentType, DeliveryMode = DeliveryModes.Persistent };
            return publishing.BasicPublishAsync(Exchange, "", mandatory: false, properties, body).AsTask();
        });
        await samples.WaitAsync(TimeSpan.FromMinutes(2), "raw client");
        return PathResult.From("raw RabbitMQ.Client, confirms", events, clock.Elapsed, samples);
    }
}
