using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Observability.Data;
using Platform.ServiceDefaults.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Platform.Observability.DeadLetters;

/// <summary>
/// Drains every announced queue's <c>_error</c> and <c>_skipped</c> queue into the archive. A
/// message is acknowledged only after its record has committed, so a crash between the two
/// redelivers it, and the dedupe key stores it once. Plain RabbitMQ.Client: the queues belong
/// to other services' MassTransit endpoints and must be read as raw deliveries, unparseable ones included.
/// </summary>
internal sealed partial class DeadLetterArchiver(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IOptions<DeadLetterOptions> options,
    TimeProvider time,
    IMeterFactory meters,
    ILogger<DeadLetterArchiver> logger) : BackgroundService
{
    private readonly Counter<long> _archived = meters.Create("Platform.Observability").CreateCounter<long>(
        "platform.dead_letters.archived", description: "Dead-lettered messages stored in the archive.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var factory = RabbitMqAddress.Parse(configuration.GetConnectionString("messaging")!).CreateFactory("dead-letter-archiver");
        var backoff = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync(stoppingToken);
                await using var channel = await connection.CreateChannelAsync(cancellationToken: stoppingToken);
                await channel.BasicQosAsync(0, options.Value.Prefetch, global: false, stoppingToken);
                backoff = TimeSpan.FromMilliseconds(500);
                var draining = new HashSet<string>(StringComparer.Ordinal);
                while (connection.IsOpen && channel.IsOpen && !stoppingToken.IsCancellationRequested)
                {
                    foreach (var queue in await DeadLetterQueuesAsync(stoppingToken))
                    {
                        if (draining.Contains(queue) || !await ExistsAsync(connection, queue, stoppingToken)) continue;
                        var consumer = new AsyncEventingBasicConsumer(channel);
                        consumer.ReceivedAsync += (_, delivery) => ArchiveAsync(channel, queue, delivery, stoppingToken);
                        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, stoppingToken);
                        draining.Add(queue);
                        LogDraining(logger, queue);
                    }
                    await Task.Delay(options.Value.ScanInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogUnavailable(logger, ex.GetBaseException().Message, backoff.TotalSeconds);
            }
            try
            {
                await Task.Delay(backoff, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
        }
    }

    private async Task<IEnumerable<string>> DeadLetterQueuesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservabilityDbContext>();
        var sources = await db.DeadLetterSources.AsNoTracking().Select(s => s.Queue).ToListAsync(cancellationToken);
        return sources.SelectMany(q => new[] { q + DeadLetterParser.ErrorSuffix, q + DeadLetterParser.SkippedSuffix });
    }

    // MassTransit creates a dead-letter queue on the first fault; until then there is nothing to
    // drain, and declaring it here could disagree with the arguments MassTransit would use.
    private static async Task<bool> ExistsAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await probe.QueueDeclarePassiveAsync(queue, cancellationToken);
            return true;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    private async Task ArchiveAsync(IChannel channel, string queue, BasicDeliverEventArgs delivery, CancellationToken cancellationToken)
    {
        try
        {
            var letter = DeadLetterParser.Parse(queue, delivery.BasicProperties, delivery.Body.ToArray(), time.GetUtcNow());
            if (await StoreAsync(letter, cancellationToken))
            {
                _archived.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("reason", letter.Reason));
                LogArchived(logger, letter.MessageId, queue, letter.Reason);
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Database down: leave the message in its queue and try again shortly.
            LogNotArchived(logger, ex, queue);
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            if (channel.IsOpen) await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken);
        }
    }

    private async Task<bool> StoreAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservabilityDbContext>();
        db.DeadLetters.Add(letter);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false; // archived before; the acknowledgement was lost
        }
    }

    [LoggerMessage(LogLevel.Information, "Archiving dead letters from {Queue}")]
    private static partial void LogDraining(ILogger logger, string queue);

    [LoggerMessage(LogLevel.Warning, "Archived dead letter {MessageId} from {Queue} ({Reason})")]
    private static partial void LogArchived(ILogger logger, Guid? messageId, string queue, string reason);

    [LoggerMessage(LogLevel.Error, "Could not archive a dead letter from {Queue}; it stays queued")]
    private static partial void LogNotArchived(ILogger logger, Exception exception, string queue);

    [LoggerMessage(LogLevel.Warning, "Dead-letter archiver cannot reach the broker ({Reason}); retrying in {DelaySeconds} s")]
    private static partial void LogUnavailable(ILogger logger, string reason, double delaySeconds);
}
