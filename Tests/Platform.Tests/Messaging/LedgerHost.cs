using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Messaging;

/// <summary>A service host wired the way the platform's services are: own database, bus, outbox, inbox.</summary>
public sealed class LedgerHost(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public LedgerFaults Faults => host.Services.GetRequiredService<LedgerFaults>();

    public LedgerSideEffects SideEffects => host.Services.GetRequiredService<LedgerSideEffects>();

    /// <summary>The service decided to stop by itself (its watchdog found it detached).</summary>
    public bool HasStopped => host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;

    /// <summary>A vhost and a ledger database of the test's own on the shared servers.</summary>
    public static async Task<(string Database, string Messaging)> IsolateAsync(PlatformServers servers, string tag)
    {
        await servers.Infra.RabbitMq.CreateVirtualHostAsync(tag, TestContext.Current.CancellationToken);
        return (servers.Infra.Postgres.ForDatabase($"ledgerdb_{tag}"), servers.Infra.RabbitMq.ConnectionString(tag));
    }

    /// <param name="settings">Configuration on top of <see cref="LedgerApp"/>'s defaults (retries, redelivery, limits).</param>
    /// <param name="faults">Sets up the consumer's faults before its first delivery.</param>
    public static async Task<LedgerHost> StartAsync(
        string databaseConnectionString, string messagingConnectionString, bool consume = true, IReadOnlyDictionary<string, string?>? settings = null,
        Action<LedgerFaults>? faults = null)
    {
        var builder = LedgerApp.CreateBuilder(databaseConnectionString, messagingConnectionString, consume, settings);
        var host = builder.Build();
        faults?.Invoke(host.Services.GetRequiredService<LedgerFaults>());
        await host.StartAsync(TestContext.Current.CancellationToken);
        await LedgerRecorder.WaitUntilReadyAsync(host.Services, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return new LedgerHost(host);
    }

    /// <summary>Records <paramref name="count"/> entries, each with its event, in one transaction per call.</summary>
    public Task<List<Guid>> RecordAsync(int count, bool commit = true) =>
        RecordAsync(Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList(), commit);

    /// <summary>Records the given entries, each with its event, in one transaction.</summary>
    public async Task<List<Guid>> RecordAsync(IReadOnlyList<Guid> entryIds, bool commit = true)
    {
        await LedgerRecorder.RecordAsync(Services, entryIds, commit, beforeCommit: null, TestContext.Current.CancellationToken);
        return [.. entryIds];
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
