using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Ends the process (exit code 75, "try again") when one of this instance's receive queues is
/// not being consumed for <see cref="MessagingOptions.WatchdogStrikes"/> checks in a row while
/// the broker answers: either the queue has no consumer at all, or it has messages ready while
/// this instance has nothing in flight and has started nothing since the last check. MassTransit
/// 8 (up to at least 8.4, MassTransit issue 5692) sometimes leaves a receive endpoint retrying on
/// a closed connection forever after a broker restart: the bus looks started, the queue fills,
/// nothing consumes. Restarting the bus in process does not help (8.4 does not bring such an
/// endpoint back, and cancelling its retry stops the host anyway), so the remedy is the one a
/// supervisor gives: a clean stop (in-flight messages finish; unacknowledged ones return to the
/// queue and the inbox absorbs repeats) and a fresh process. A broker that does not answer is
/// not a strike: MassTransit is reconnecting by itself then.
/// </summary>
internal sealed partial class ReceiveEndpointWatchdog(
    IBusControl bus,
    IHostApplicationLifetime lifetime,
    ReceiveQueueObserver queues,
    ConsumeActivity activity,
    IConfiguration configuration,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<ReceiveEndpointWatchdog> logger) : BackgroundService
{
    private readonly ConnectionFactory _factory = RabbitMqAddress.Parse(configuration.GetConnectionString("messaging")!).CreateFactory("receive-watchdog");
    private IConnection? _connection;
    private IChannel? _channel;
    private long _startedAtLastCheck = -1;

    /// <summary>EX_TEMPFAIL: the process ended for a condition a restart clears.</summary>
    public const int ExitCode = 75;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        bus.ConnectConsumeObserver(activity);
        var strikes = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.WatchdogInterval, time, stoppingToken);
                var idle = await FindIdleQueueAsync(stoppingToken);
                strikes = idle is null ? 0 : strikes + 1;
                if (strikes < options.Value.WatchdogStrikes) continue;

                LogExiting(idle!.Value.Queue, idle.Value.Why, strikes);
                Environment.ExitCode = ExitCode;
                lifetime.StopApplication();
                return;
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

    /// <summary>A queue of ours nobody here consumes, and why; null when all are served (or the broker is away).</summary>
    private async Task<(string Queue, string Why)?> FindIdleQueueAsync(CancellationToken cancellationToken)
    {
        var started = activity.Started;
        var startedNothing = started == _startedAtLastCheck && activity.InFlight == 0;
        _startedAtLastCheck = started;
        foreach (var queue in queues.Queues)
        {
            try
            {
                _connection ??= await _factory.CreateConnectionAsync(cancellationToken);
                _channel ??= await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
                var declared = await _channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                if (declared.ConsumerCount == 0) return (queue, "no consumer");
                if (declared.MessageCount > 0 && startedNothing) return (queue, $"{declared.MessageCount} messages ready and none taken");
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
            {
                // The broker lost the queue (a reset node): the restart declares it again.
                await CloseAsync();
                return (queue, "queue missing");
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Whatever failed, the broker did not answer this time: no strike, and a new connection next time.
                LogProbeFailed(ex.GetType().Name, ex.Message);
                await CloseAsync();
                return null;
            }
        }
        return null;
    }

    private Task CloseAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        return RabbitMqConnections.CloseQuietlyAsync(channel, connection);
    }

    [LoggerMessage(LogLevel.Critical, "Receive queue {Queue} is not being consumed ({Why}) for {Strikes} checks while the broker answers; stopping so the supervisor starts a fresh process")]
    private partial void LogExiting(string queue, string why, int strikes);

    [LoggerMessage(LogLevel.Debug, "Receive watchdog could not reach the broker: {Type}: {Message}")]
    private partial void LogProbeFailed(string type, string message);

}
