using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.ServiceDefaults.Resilience;

namespace Platform.ServiceDefaults.Messaging.Reliable;

internal sealed class ReliableMessagingStore<TContext>(
    TContext db, TimeProvider time, CircuitBreakerRegistry breakers, InboxCommitGroup<TContext> group, AfterInboxCommit afterCommit) : IReliableMessagingStore
    where TContext : DbContext
{
    public async Task<bool> RunOnceAsync(string consumer, Guid messageId, bool batchable, Func<Task> apply, CancellationToken cancellationToken)
    {
        var committed = false;
        try
        {
            committed = await ApplyOnceAsync(consumer, messageId, batchable, () =>
            {
                afterCommit.BeginAttempt();
                return apply();
            }, cancellationToken);
            return committed;
        }
        finally
        {
            afterCommit.End(committed);
        }
    }

    private async Task<bool> ApplyOnceAsync(string consumer, Guid messageId, bool batchable, Func<Task> apply, CancellationToken cancellationToken)
    {
        if (!batchable || !group.TryJoin(consumer, messageId, out var participant)) return await RunAloneAsync(consumer, messageId, apply, cancellationToken);
        switch (await participant.Claim.Task)
        {
            case InboxClaimKind.Duplicate:
                return false;
            case InboxClaimKind.Alone:
                return await RunAloneAsync(consumer, messageId, apply, cancellationToken);
        }

        await TakeTurnAsync(participant, apply, cancellationToken);
        if (await participant.Committed.Task) return true;
        // Rolled back for another delivery's failure, or the commit failed: the inbox row tells
        // the second attempt whether it committed after all.
        db.ChangeTracker.Clear();
        return await RunAloneAsync(consumer, messageId, apply, cancellationToken);
    }

    /// <summary>
    /// Applies the delivery on the batch's connection and transaction, then leaves the context as
    /// it was configured (it is pooled: the next user must not inherit the batch's connection).
    /// Switching connections disposes the context's own, so it gets its connection string back
    /// and opens a fresh one when next used.
    /// </summary>
    private async Task TakeTurnAsync(InboxParticipant participant, Func<Task> apply, CancellationToken cancellationToken)
    {
        var outcome = InboxTurnOutcome.FailedInDatabase;
        var connectionString = db.Database.GetConnectionString();
        InboxTurnInterceptor.Begin(participant);
        try
        {
            var transaction = participant.Transaction!;
            db.Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
            await db.Database.UseTransactionAsync(transaction, cancellationToken);
            db.Database.AutoSavepointsEnabled = false;
            await apply();
            await db.SaveChangesAsync(cancellationToken);
            outcome = InboxTurnOutcome.Saved;
        }
        catch
        {
            if (participant.CommandsInTurn == 0) outcome = InboxTurnOutcome.FailedBeforeDatabase;
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            InboxTurnInterceptor.End();
            await db.Database.UseTransactionAsync(null, CancellationToken.None);
            db.Database.SetDbConnection(null, contextOwnsConnection: false);
            db.Database.SetConnectionString(connectionString);
            participant.TurnDone.SetResult(outcome);
        }
    }

    // Behind the database breaker: while PostgreSQL is failing, deliveries fail fast instead of
    // each waiting for a connection timeout.
    private Task<bool> RunAloneAsync(string consumer, Guid messageId, Func<Task> apply, CancellationToken cancellationToken) =>
        breakers.Database.ExecuteAsync(ct => RunInTransactionAsync(consumer, messageId, apply, ct), cancellationToken);

    private async Task<bool> RunInTransactionAsync(string consumer, Guid messageId, Func<Task> apply, CancellationToken cancellationToken)
    {
        var table = ReliableMessagingModel.QualifiedTable<InboxMessage>(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A failure rolls back the whole transaction, so the savepoint EF would otherwise take
        // around SaveChanges buys nothing and costs two round trips per message.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            // The primary key serializes concurrent deliveries of one message: the second waits
            // for the first to commit, then inserts nothing.
            var sql = "INSERT INTO " + table + " (consumer, message_id, processed_at) VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING";
            var inserted = await db.Database.ExecuteSqlRawAsync(sql, [consumer, messageId, time.GetUtcNow()], cancellationToken);
            if (inserted == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
            await apply();
            // Whatever the consumer staged (business rows, outbox events) commits with the inbox row.
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch
        {
            // A retry starts from a clean slate.
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
