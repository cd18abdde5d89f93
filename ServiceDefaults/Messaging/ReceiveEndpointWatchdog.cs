using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Restarts the bus when one of this instance's receive queues has had no consumer for
/// <see cref="MessagingOptions.WatchdogStrikes"/> checks in a row while the broker answers.
/// MassTransit 8 (up to at least 8.4, MassTransit issue 5692) sometimes leaves a receive endpoint
/// detached after a broker restart: the bus looks started, the queue fills, nothing consumes.
/// A broker that does not answer is not a strike: MassTransit is reconnecting by itself then.
/// With several instances on one queue a detached instance hides behind the others; the
/// queue still drains, so nothing is lost, only capacity.
/// </summary>
internal sealed partial class ReceiveEndpointWatchdog(
    IBusControl bus,
    ReceiveQueueObserver queues,
    IConfiguration configuration,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<ReceiveEndpointWatchdog> logger) : BackgroundService
{
    private readonly ConnectionFactory _factory = RabbitMqAddress.Parse(configuration.GetConnectionString("messaging")!).CreateFactory("receive-watchdog");
    private IConnection? _connection;
    private IChannel? _channel;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var strikes = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.WatchdogInterval, time, stoppingToken);
                var detached = await FindDetachedQueueAsync(stoppingToken);
                strikes = detached is null ? 0 : strikes + 1;
                if (strikes < options.Value.WatchdogStrikes) continue;

                LogRestarting(detached!, strikes);
                strikes = 0;
                await RestartBusAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await CloseAsync();
        }
    }

    /// <summary>A queue of ours without a consumer, or null when all are consumed (or the broker is away).</summary>
    private async Task<string?> FindDetachedQueueAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in queues.Queues)
        {
            try
            {
                _connection ??= await _factory.CreateConnectionAsync(cancellationToken);
                _channel ??= await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
                var declared = await _channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                if (declared.ConsumerCount == 0) return queue;
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
            {
                // The broker lost the queue (a reset node): the restart declares it again.
                await CloseAsync();
                return queue;
            }
            catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException or IOException or TimeoutException)
            {
                await CloseAsync();
                return null;
            }
        }
        return null;
    }

    private async Task RestartBusAsync(CancellationToken cancellationToken)
    {
        try
        {
            await bus.StopAsync(cancellationToken);
            await bus.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next strikes try again.
            LogRestartFailed(ex);
        }
    }

    private Task CloseAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        return RabbitMqConnections.CloseQuietlyAsync(channel, connection);
    }

    [LoggerMessage(LogLevel.Warning, "Receive queue {Queue} has had no consumer for {Strikes} checks while the broker answers; restarting the bus")]
    private partial void LogRestarting(string queue, int strikes);

    [LoggerMessage(LogLevel.Error, "Restarting the bus failed; the watchdog tries again")]
    private partial void LogRestartFailed(Exception exception);
}
