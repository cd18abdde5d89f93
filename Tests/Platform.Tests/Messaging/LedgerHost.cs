using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Tests.Messaging;

/// <summary>A service host wired the way the platform's services are: own database, bus, outbox, inbox.</summary>
public sealed class LedgerHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public LedgerFaults Faults => host.Services.GetRequiredService<LedgerFaults>();

    /// <param name="settings">Configuration on top of the defaults below (retries, redelivery, limits).</param>
    public static async Task<LedgerHost> StartAsync(
        string databaseConnectionString, string messagingConnectionString, bool consume = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("LEDGER_DEBUG") == "1") builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:ledgerdb"] = databaseConnectionString;
        builder.Configuration["ConnectionStrings:messaging"] = messagingConnectionString;
        builder.Configuration["Messaging:Outbox:MaxRetryDelay"] = "00:00:01";
        builder.Configuration["Messaging:Outbox:PublishTimeout"] = "00:00:05";
        builder.Configuration["Messaging:AnnounceInterval"] = "00:00:01";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.Configuration[key] = value;
        builder.Services.AddSingleton<LedgerFaults>();
        builder.AddServiceDatabase<LedgerDbContext>("ledgerdb");
        builder.AddReliableMessaging<LedgerDbContext>();
        builder.AddPlatformMessaging("ledger", bus =>
        {
            if (consume) bus.AddConsumer<LedgerEntryRecordedConsumer>();
        });
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
