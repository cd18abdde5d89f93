using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Platform.ServiceDefaults.Tenancy;
using RabbitMQ.Client;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// Publishes outbox rows straight to RabbitMQ with publisher confirms, in MassTransit's envelope.
/// The dispatcher does not go through MassTransit's publish pipeline because a MassTransit 8
/// send transport can stay stopped after the broker restarts (MassTransit issue 4852); here a
/// failed channel or connection is simply replaced on the next attempt.
/// </summary>
internal sealed class RabbitMqOutboxTransport : IAsyncDisposable
{
    private readonly ConnectionFactory _factory;
    private readonly string _addressBase;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _declared = new();
    private IConnection? _connection;
    private IChannel? _channel;

    public RabbitMqOutboxTransport(IConfiguration configuration)
    {
        var address = RabbitMqAddress.Parse(configuration.GetConnectionString("messaging")!);
        _factory = new ConnectionFactory
        {
            HostName = address.Host,
            Port = address.Port,
            VirtualHost = address.VirtualHost,
            UserName = address.User,
            Password = address.Password,
            ClientProvidedName = "outbox-dispatcher",
            // Replaced by hand on failure; recovery would keep a half-dead channel around.
            AutomaticRecoveryEnabled = false,
        };
        _addressBase = $"rabbitmq://{address.Host}:{address.Port}/{(address.VirtualHost == "/" ? "" : address.VirtualHost + "/")}";
    }

    public async Task PublishAsync(IReadOnlyList<OutboxMessage> batch, TimeProvider time, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(cancellationToken);
        try
        {
            await Task.WhenAll(batch.Select(m => PublishAsync(channel, m, time, cancellationToken)));
        }
        catch
        {
            // Whatever went wrong, the next batch starts on a fresh channel.
            await ResetAsync();
            throw;
        }
    }

    private async Task PublishAsync(IChannel channel, OutboxMessage message, TimeProvider time, CancellationToken cancellationToken)
    {
        var (exchange, messageTypes) = MassTransitEnvelope.Describe(message.MessageType);
        if (_declared.TryAdd(exchange, true))
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        var headers = new Dictionary<string, string>();
        if (message.TenantId is not null) headers[TenantHeaders.TenantId] = message.TenantId;
        var body = MassTransitEnvelope.Write(message.MessageId, messageTypes, message.Body, _addressBase + exchange, headers, time.GetUtcNow());
        var properties = new BasicProperties
        {
            MessageId = message.MessageId.ToString(),
            ContentType = MassTransitEnvelope.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers.ToDictionary(h => h.Key, h => (object?)h.Value),
        };
        // With confirmation tracking the call returns once the broker has confirmed (or throws).
        await channel.BasicPublishAsync(exchange, routingKey: "", mandatory: false, properties, body, cancellationToken);
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true } open) return open;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_channel is { IsOpen: true } again) return again;
            await ResetCoreAsync();
            _connection = await _factory.CreateConnectionAsync(cancellationToken);
            _channel = await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            _declared.Clear();
            return _channel;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ResetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await ResetCoreAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ResetCoreAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        try
        {
            if (channel is not null) await channel.DisposeAsync();
            if (connection is not null) await connection.DisposeAsync();
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.AlreadyClosedException or IOException or OperationCanceledException)
        {
            // Already broken: nothing to close.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _gate.Dispose();
    }
}
