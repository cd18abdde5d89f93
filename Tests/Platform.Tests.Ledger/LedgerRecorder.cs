using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tests.Messaging;

/// <summary>The ledger's unit of work and readiness probe, shared by the tests and the messaging benchmark.</summary>
public static class LedgerRecorder
{
    /// <summary>Records the given entries, each with its event through the outbox, in one transaction.</summary>
    /// <param name="beforeCommit">Runs just before the commit (the benchmark stamps its clock there).</param>
    public static async Task RecordAsync(
        IServiceProvider services, IReadOnlyList<Guid> entryIds, bool commit, Action? beforeCommit, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < entryIds.Count; i++)
        {
            db.Entries.Add(new LedgerEntry { EntryId = entryIds[i], Amount = i });
            outbox.Publish(new LedgerEntryRecorded("acme-clinic", entryIds[i], i));
        }
        await db.SaveChangesAsync(cancellationToken);
        if (!commit)
        {
            await transaction.RollbackAsync(cancellationToken);
            return;
        }
        beforeCommit?.Invoke();
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Migrations run at start-up in the background: waits for the tables and a healthy bus.</summary>
    public static async Task WaitUntilReadyAsync(IServiceProvider services, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsMigratedAsync(services, cancellationToken))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the ledger database was not migrated within {timeout.TotalSeconds:0} s");
            await Task.Delay(200, cancellationToken);
        }
        var left = deadline - DateTime.UtcNow;
        await services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, left > TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5));
    }

    private static async Task<bool> IsMigratedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        try
        {
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any()) return false;
            await db.Entries.AnyAsync(cancellationToken); // the table answers
            return true;
        }
        catch (Npgsql.PostgresException)
        {
            return false;
        }
    }
}
