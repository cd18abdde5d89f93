using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Resilience;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// Delivers committed outbox rows to the broker: deletes a batch in a transaction, skipping rows
/// another instance holds (<c>FOR UPDATE SKIP LOCKED</c>, so several instances share the work),
/// publishes each with its stored message id, waits for the broker's confirms
/// (<see cref="RabbitMqOutboxTransport"/>), and only then commits. A failure rolls
/// back and the rows are published again later: delivery is at least once, and the consumers'
/// inbox makes the effect exactly once.
/// </summary>
internal sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    RabbitMqOutboxTransport transport,
    TimeProvider time,
    OutboxSignal signal,
    IOptions<ReliableMessagingOptions> options,
    CircuitBreakerRegistry breakers,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.Zero;
        var nextCleanup = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, stoppingToken);
                // Drain: full batches mean more is waiting.
                int published;
                var drained = 0;
                do
                {
                    published = await breakers.Database.ExecuteAsync(DispatchBatchAsync, stoppingToken);
                    drained += published;
                }
                while (published == options.Value.BatchSize);
                if (time.GetUtcNow() >= nextCleanup)
                {
                    await ForgetOldInboxRowsAsync(stoppingToken);
                    nextCleanup = time.GetUtcNow() + CleanupInterval;
                }
                delay = TimeSpan.Zero;
                // Woken by a commit after a small drain, wait a moment for the commits right behind
                // it: one batch then carries them all (a transaction and a broker confirm instead of
                // one each). After a large drain there is no waiting: a commit of many events needs
                // no company, and delaying it would only push its publishing into what comes next.
                if (await signal.WaitAsync(options.Value.PollInterval, stoppingToken) && options.Value.GatherDelay > TimeSpan.Zero && drained < SmallDrain)
                    await Task.Delay(options.Value.GatherDelay, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Broker or database unavailable: the rows stay; back off and try again.
                delay = delay == TimeSpan.Zero
                    ? TimeSpan.FromMilliseconds(100)
                    : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxRetryDelay.Ticks));
                LogDispatchFailed(logger, ex, delay.TotalMilliseconds);
            }
        }
    }

    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);

    // Below a tenth of a batch, a drain is worth gathering for.
    private int SmallDrain => Math.Max(1, options.Value.BatchSize / 10);

    // Inbox rows only need to outlive any redelivery; past the retention they are just weight.
    private async Task ForgetOldInboxRowsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = time.GetUtcNow() - options.Value.InboxRetention;
        await db.Set<InboxMessage>().Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    internal async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var table = ReliableMessagingModel.QualifiedTable<OutboxMessage>(db);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claimed and deleted in one statement: the locks hold the rows from other instances until
        // the commit, and a failed publish rolls the delete back. Identifiers come from the EF
        // model and the limit from validated options: nothing user-supplied.
        var sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " ORDER BY id LIMIT " +
            options.Value.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) + " FOR UPDATE SKIP LOCKED) RETURNING *";
        var batch = await db.Set<OutboxMessage>()
            .FromSqlRaw(sql)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (batch.Count == 0) return 0;
        // RETURNING has no order; the broker gets them in the order they were staged.
        batch.Sort((a, b) => a.Id.CompareTo(b.Id));

        // A publish that waits on a dead connection must not hold the batch's locks forever:
        // past the timeout the batch rolls back and goes out again once the broker is back.
        using (var confirm = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            confirm.CancelAfter(options.Value.PublishTimeout);
            await transport.PublishAsync(batch, time, confirm.Token).WaitAsync(options.Value.PublishTimeout, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return batch.Count;
    }

    [LoggerMessage(LogLevel.Warning, "Outbox dispatch failed; retrying in {DelayMs} ms")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, double delayMs);
}
