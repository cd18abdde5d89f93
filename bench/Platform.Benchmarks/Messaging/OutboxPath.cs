using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tests.Messaging;

namespace Platform.Benchmarks.Messaging;

/// <summary>
/// The path the services' events take: business row and event committed together, the outbox
/// dispatcher publishing with confirms, the consumer applying each event once through the inbox.
/// The ledger service (the messaging tests' reference service) is the workload.
/// </summary>
public sealed class OutboxPath : IAsyncDisposable, IConsumeObserver
{
    private readonly IHost _host;
    private readonly string _database;
    private readonly string _messaging;
    private readonly ConcurrentDictionary<Guid, long> _committedAt = new();
    private LatencySamples _samples = new(0);

    private OutboxPath(IHost host, string database, string messaging) => (_host, _database, _messaging) = (host, database, messaging);

    public static async Task<OutboxPath> StartAsync(string databaseConnectionString, string messagingConnectionString)
    {
        var path = new OutboxPath(await StartHostAsync(databaseConnectionString, messagingConnectionString, consume: true), databaseConnectionString, messagingConnectionString);
        path._host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(path);
        return path;
    }

    private static async Task<IHost> StartHostAsync(string database, string messaging, bool consume)
    {
        var host = LedgerApp.CreateBuilder(database, messaging, consume).Build();
        await host.StartAsync();
        await LedgerRecorder.WaitUntilReadyAsync(host.Services, TimeSpan.FromSeconds(60), CancellationToken.None);
        return host;
    }

    /// <summary>
    /// Where the time goes: a publisher-only instance writes and dispatches <paramref name="events"/>
    /// (rate until the outbox is empty), then this consumer drains the queue alone.
    /// </summary>
    public async Task<(double DispatchPerSecond, double ConsumePerSecond)> PhasesAsync(int events, int writers, int perTransaction)
    {
        var bus = _host.Services.GetRequiredService<IBusControl>();
        await bus.StopAsync();
        using var publisher = await StartHostAsync(_database, _messaging, consume: false);
        var clock = Stopwatch.StartNew();
        await WriteConcurrentlyAsync(events, writers, perTransaction, take =>
            LedgerRecorder.RecordAsync(publisher.Services, [.. Enumerable.Range(0, take).Select(_ => Guid.NewGuid())], commit: true, beforeCommit: null, CancellationToken.None));
        // Counting rows costs PostgreSQL a scan: polled every 50 ms, it steals little from the path measured.
        while (await CountAsync(db => db.Set<OutboxMessage>().CountAsync()) > 0) await Task.Delay(50);
        var dispatch = events / clock.Elapsed.TotalSeconds;
        await publisher.StopAsync();

        var before = await CountAsync(db => db.Applied.CountAsync());
        await bus.StartAsync();
        clock.Restart();
        while (await CountAsync(db => db.Applied.CountAsync()) < before + events) await Task.Delay(50);
        return (dispatch, events / clock.Elapsed.TotalSeconds);
    }

    private async Task<int> CountAsync(Func<LedgerDbContext, Task<int>> query)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LedgerDbContext>());
    }

    /// <summary>As fast as it goes: <paramref name="writers"/> concurrent units of work of <paramref name="perTransaction"/> events each.</summary>
    public async Task<PathResult> ThroughputAsync(int events, int writers, int perTransaction)
    {
        var samples = Reset(events);
        var clock = Stopwatch.StartNew();
        await WriteConcurrentlyAsync(events, writers, perTransaction, RecordAsync);
        await samples.WaitAsync(TimeSpan.FromMinutes(3), "outbox");
        var elapsed = clock.Elapsed;
        await VerifyAppliedOnceAsync();
        return PathResult.From("outbox -> consumer with inbox", events, elapsed, samples);
    }

    /// <summary>A steady <paramref name="perSecond"/> for <paramref name="duration"/>, one unit of work per tick.</summary>
    public async Task<PathResult> PacedAsync(int perSecond, TimeSpan duration, int perTransaction)
    {
        var ticks = (int)(duration.TotalSeconds * perSecond / perTransaction);
        var interval = TimeSpan.FromSeconds((double)perTransaction / perSecond);
        var samples = Reset(ticks * perTransaction);
        await using var probe = new RuntimeProbe();
        var start = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        var writes = new List<Task>(ticks);
        for (var tick = 0; tick < ticks; tick++)
        {
            var due = interval * tick - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
            // Not awaited here: a slow commit must not lower the offered rate.
            writes.Add(RecordAsync(perTransaction));
        }
        await Task.WhenAll(writes);
        await samples.WaitAsync(TimeSpan.FromMinutes(2), "paced outbox");
        var elapsed = clock.Elapsed;
        await VerifyAppliedOnceAsync();
        var (arrivedAt, slowest) = samples.Slowest();
        var sentAt = arrivedAt - (long)(slowest / 1000 * Stopwatch.Frequency);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  slowest event: {slowest:0} ms, committed {Stopwatch.GetElapsedTime(start, sentAt).TotalSeconds:0.0} s into the run; meanwhile {probe.Describe(sentAt, arrivedAt)}"));
        return PathResult.From($"outbox at {perSecond} events/s", ticks * perTransaction, elapsed, samples);
    }

    private LatencySamples Reset(int events)
    {
        _committedAt.Clear();
        return _samples = new LatencySamples(events);
    }

    /// <summary><paramref name="writers"/> concurrent loops sharing <paramref name="events"/>, each unit of work at most <paramref name="perTransaction"/>.</summary>
    private static Task WriteConcurrentlyAsync(int events, int writers, int perTransaction, Func<int, Task> record)
    {
        var remaining = events;
        return Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int take;
            while ((take = Take(ref remaining, perTransaction)) > 0) await record(take);
        })));
    }

    private static int Take(ref int remaining, int most)
    {
        while (true)
        {
            var left = Volatile.Read(ref remaining);
            if (left <= 0) return 0;
            var take = Math.Min(left, most);
            if (Interlocked.CompareExchange(ref remaining, left - take, left) == left) return take;
        }
    }

    private async Task RecordAsync(int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await LedgerRecorder.RecordAsync(_host.Services, ids, commit: true, beforeCommit: () =>
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var id in ids) _committedAt[id] = now;
        }, CancellationToken.None);
    }

    // Every event applied, none twice: the benchmark measures the path that keeps its promise.
    private async Task VerifyAppliedOnceAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        var duplicates = await db.Applied.GroupBy(a => a.EntryId).CountAsync(g => g.Count() > 1);
        var missing = await db.Entries.CountAsync(e => !db.Applied.Any(a => a.EntryId == e.EntryId));
        if (duplicates > 0 || missing > 0) throw new InvalidOperationException($"outbox path: {missing} entries not applied, {duplicates} applied more than once");
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is LedgerEntryRecorded recorded && _committedAt.TryRemove(recorded.EntryId, out var committed)) _samples.Record(committed);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
