using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// Signals the dispatcher when outbox rows become visible: after a save outside a transaction
/// that inserted some, or after the commit of a transaction that did. Commits that wrote no
/// outbox row (an inbox batch of a consumer that publishes nothing, the dispatcher's own delete)
/// do not wake it: each wake-up costs a transaction that finds nothing. Polling remains the
/// safety net for anything missed.
/// </summary>
internal sealed class OutboxSignalInterceptor(OutboxSignal signal) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    // What has written outbox rows and not yet committed: a transaction (shared by every context
    // enlisted in it: an inbox batch commits its consumers' rows), or a context saving without one.
    private static readonly ConditionalWeakTable<object, object> Staged = [];
    private static readonly object Mark = new();

    /// <summary>For writes that bypass SaveChanges (<see cref="OutboxCopy"/>): the commit of <paramref name="transaction"/> wakes the dispatcher.</summary>
    public static void MarkStaged(DbTransaction transaction) => Staged.AddOrUpdate(transaction, Mark);

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        SavingChanges(eventData, result);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && IsStaging(db))
            Staged.AddOrUpdate(db.Database.CurrentTransaction?.GetDbTransaction() ?? (object)db, Mark);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SavedChanges(eventData, result);
        return ValueTask.FromResult(result);
    }

    // Without a transaction of the caller's, the rows are visible once SaveChanges returns.
    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && Staged.Remove(db)) signal.Notify();
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db) Staged.Remove(db);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Staged.Remove(transaction)) signal.Notify();
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Staged.Remove(transaction);

    // Entries() would run DetectChanges, which SaveChanges runs right after this anyway: outbox
    // rows are Added by Add() itself, so the tracker already knows them without it.
    private static bool IsStaging(DbContext db)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<OutboxMessage>())
            {
                if (entry.State == EntityState.Added) return true;
            }
            return false;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
