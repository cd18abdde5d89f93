using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// One AMQP channel with publisher confirms, outside MassTransit: the outbox dispatcher,
/// delayed redelivery and dead-letter retries publish through it. MassTransit 8's send transport
/// can stay stopped after a broker restart (MassTransit issue 4852); here a failed channel or
/// connection is simply replaced on the next call.
/// </summary>
public sealed class RabbitMqConfirmingPublisher : IAsyncDisposable
{
    private readonly ConnectionFactory _factory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _declared = new();
    private IConnection? _connection;
    private IChannel? _channel;

    public RabbitMqConfirmingPublisher(IConfiguration configuration)
    {
        var address = RabbitMqAddress.Parse(configuration.GetConnectionString("messaging")
            ?? throw new InvalidOperationException("ConnectionStrings:messaging is not set."));
        _factory = address.CreateFactory("confirming-publisher");
        AddressBase = address.AddressBase;
    }

    /// <summary><c>rabbitmq://host:port/vhost/</c>, the prefix of MassTransit's destination addresses.</summary>
    public string AddressBase { get; }

    /// <summary>
    /// Runs <paramref name="publish"/> on the confirming channel. Publishes on it return once
    /// the broker has confirmed them (or throw). Any failure discards the channel.
    /// </summary>
    public async Task RunAsync(Func<IChannel, Task> publish, CancellationToken cancellationToken)
    {
        var channel = await ChannelAsync(cancellationToken);
        try
        {
            await publish(channel);
        }
        catch
        {
            await ResetAsync();
            throw;
        }
    }

    /// <summary>Declares something once per channel (exchanges and queues survive the channel, but not a broker reset).</summary>
    public async Task DeclareOnceAsync(IChannel channel, string key, Func<IChannel, Task> declare)
    {
        if (_declared.ContainsKey(key)) return;
        await declare(channel);
        _declared[key] = true;
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

    private Task ResetCoreAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        return RabbitMqConnections.CloseQuietlyAsync(channel, connection);
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _gate.Dispose();
    }
}
