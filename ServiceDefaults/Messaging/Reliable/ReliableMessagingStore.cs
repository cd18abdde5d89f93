using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Resilience;

namespace Platform.ServiceDefaults.Messaging.Reliable;

internal sealed class ReliableMessagingStore<TContext>(TContext db, TimeProvider time, CircuitBreakerRegistry breakers) : IReliableMessagingStore
    where TContext : DbContext
{
    // Behind the database breaker: while PostgreSQL is failing, deliveries fail fast instead of
    // each waiting for a connection timeout.
    public Task<bool> RunOnceAsync(string consumer, Guid messageId, Func<Task> apply, CancellationToken cancellationToken) =>
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
