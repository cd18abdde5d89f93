using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tests.Messaging;

/// <summary>A service host wired the way the platform's services are: own database, bus, outbox, inbox.</summary>
public sealed class LedgerHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public LedgerFaults Faults => host.Services.GetRequiredService<LedgerFaults>();

    /// <param name="settings">Configuration on top of <see cref="LedgerApp"/>'s defaults (retries, redelivery, limits).</param>
    public static async Task<LedgerHost> StartAsync(
        string databaseConnectionString, string messagingConnectionString, bool consume = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = LedgerApp.CreateBuilder(databaseConnectionString, messagingConnectionString, consume, settings);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        // Migrations run at start-up in the background; wait for the tables and the bus.
        await Infrastructure.Eventually.Until(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            try
            {
                return !(await db.Database.GetPendingMigrationsAsync()).Any() && await db.Entries.CountAsync() >= 0;
            }
            catch (Npgsql.PostgresException)
            {
                return false;
            }
        }, ready => ready, TimeSpan.FromSeconds(30), "ledger database migrated");
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return new LedgerHost(host);
    }

    /// <summary>Records <paramref name="count"/> entries, each with its event, in one transaction per call.</summary>
    public Task<List<Guid>> RecordAsync(int count, bool commit = true) =>
        RecordAsync(Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList(), commit);

    /// <summary>Records the given entries, each with its event, in one transaction.</summary>
    public async Task<List<Guid>> RecordAsync(IReadOnlyList<Guid> entryIds, bool commit = true)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
        await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
        var ids = new List<Guid>();
        for (var i = 0; i < entryIds.Count; i++)
        {
            var entry = new LedgerEntry { EntryId = entryIds[i], Amount = i };
            db.Entries.Add(entry);
            outbox.Publish(new LedgerEntryRecorded("acme-clinic", entry.EntryId, entry.Amount));
            ids.Add(entry.EntryId);
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        if (commit) await transaction.CommitAsync(TestContext.Current.CancellationToken);
        else await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        return ids;
    }

    public async Task<T> QueryAsync<T>(Func<LedgerDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LedgerDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync(CancellationToken.None);
        host.Dispose();
    }
}
