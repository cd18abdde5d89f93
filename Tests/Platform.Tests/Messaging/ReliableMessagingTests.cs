using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.LocalInfra;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Messaging;

/// <summary>Outbox and inbox on real PostgreSQL and RabbitMQ: nothing lost, nothing applied twice.</summary>
public sealed class ReliableMessagingTests(PlatformServers servers)
{
    private const string LedgerQueue = LedgerApp.Queue;

    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing_and_a_committed_one_is_applied_once()
    {
        await using var host = await StartAsync(TestTags.New("rb"));

        var rolledBack = await host.RecordAsync(3, commit: false);
        var committed = await host.RecordAsync(2);

        await Eventually.Until(() => host.QueryAsync(db => db.Applied.CountAsync()), n => n >= 2, TimeSpan.FromSeconds(20), "the committed events applied");
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken); // room for anything wrongly published to arrive
        var applied = await host.QueryAsync(db => db.Applied.Select(a => a.EntryId).ToListAsync());
        Assert.Equal(committed.Order(), applied.Order());
        Assert.DoesNotContain(rolledBack, applied.Contains);
        Assert.Equal(0, await host.QueryAsync(db => db.Set<Platform.ServiceDefaults.Messaging.Reliable.OutboxMessage>().CountAsync()));
        Assert.Equal(2, await host.QueryAsync(db => db.Entries.CountAsync()));
    }

    [Fact]
    public async Task Committed_events_leave_at_once_whether_saved_in_a_transaction_or_alone_not_at_the_next_poll()
    {
        var tag = TestTags.New("wake");
        var (database, amqp) = await LedgerHost.IsolateAsync(servers, tag);
        // A minute between polls: only the commits' own signals can get these events out in time.
        await using var host = await LedgerHost.StartAsync(database, amqp, settings: new Dictionary<string, string?> { ["Messaging:Outbox:PollInterval"] = "00:01:00" });

        // One at a time: a wake-up drains every committed row, so each must be woken for by its own commit.
        var alone = Guid.NewGuid();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            db.Entries.Add(new LedgerEntry { EntryId = alone, Amount = 1 });
            scope.ServiceProvider.GetRequiredService<Platform.ServiceDefaults.Messaging.Reliable.IOutbox>().Publish(new LedgerEntryRecorded("acme-clinic", alone, 1));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await Eventually.Until(() => host.QueryAsync(db => db.Applied.CountAsync()), n => n == 1, TimeSpan.FromSeconds(15), "the event of a save without a transaction applied long before the next poll");

        await host.RecordAsync(1, commit: false);
        var inTransaction = await host.RecordAsync(2);
        var applied = await Eventually.Until(() => host.QueryAsync(db => db.Applied.Select(a => a.EntryId).ToListAsync()), a => a.Count >= 3, TimeSpan.FromSeconds(15), "the events of a committed transaction applied long before the next poll");
        Assert.Equal(inTransaction.Append(alone).Order(), applied.Order());
    }

    [Fact]
    public async Task The_consumer_of_an_outbox_event_continues_the_trace_of_the_unit_of_work_that_staged_it()
    {
        await using var host = await StartAsync(TestTags.New("trace"));
        using var source = new ActivitySource("Platform.Tests.Outbox");
        var consumed = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "MassTransit" || s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = a => { if (a.Kind == ActivityKind.Consumer) consumed.Enqueue(a); },
        };
        ActivitySource.AddActivityListener(listener);

        ActivityTraceId trace;
        using (var unitOfWork = source.StartActivity("record entry"))
        {
            trace = unitOfWork!.TraceId;
            await host.RecordAsync(1);
        }

        // Dispatched later by the background dispatcher, consumed in another flow: still one trace.
        var joined = await Eventually.Until(() => Task.FromResult(consumed.Where(a => a.TraceId == trace).ToList()), a => a.Count > 0, TimeSpan.FromSeconds(20), "a consumer span in the producer's trace");
        Assert.Contains(joined, a => a.ParentSpanId != default);
    }

    [Fact]
    public async Task A_redelivered_message_id_is_applied_once()
    {
        var tag = TestTags.New("dup");
        await using var host = await StartAsync(tag);
        var bus = host.Services.GetRequiredService<IBus>();
        var messageId = NewId.NextGuid();
        var message = new LedgerEntryRecorded("acme-clinic", Guid.NewGuid(), 7);

        // The same message id twice, as RabbitMQ redelivers after a lost acknowledgement.
        for (var i = 0; i < 2; i++)
            await bus.Publish(message, context => context.MessageId = messageId, TestContext.Current.CancellationToken);
        var marker = await host.RecordAsync(1);

        await Eventually.Until(() => host.QueryAsync(db => db.Applied.AnyAsync(a => a.EntryId == marker[0])), seen => seen, TimeSpan.FromSeconds(20), "a later message applied");
        Assert.Equal(1, await host.QueryAsync(db => db.Applied.CountAsync(a => a.EntryId == message.EntryId)));
        // The duplicate never reached the consumer, so the work it leaves for after its commit ran once.
        Assert.Equal(1, host.SideEffects.Runs[message.EntryId]);
        // The duplicate counts as consumed: nothing lands in _skipped for the dead-letter archive.
        Assert.Equal(0u, (await AmqpQueue.InspectAsync(servers.Infra.RabbitMq.ConnectionString(tag), LedgerQueue + "_skipped")).Messages);
    }

    [Fact]
    public async Task A_broker_restart_while_5000_events_go_through_the_outbox_loses_none_and_applies_each_once()
    {
        var tag = TestTags.New("restart");
        var directory = Path.Combine(servers.RunDirectory, "servers", tag);
        var (amqp, management) = (FreePort.Next(), FreePort.Next());
        var broker = await RabbitMqServer.StartAsync(directory, amqp, management, TestContext.Current.CancellationToken);
        var database = servers.Infra.Postgres.ForDatabase($"ledgerdb_{tag}");
        LedgerHost? consumer = null;
        try
        {
            // Publisher and consumer are separate services sharing one database, as two instances would.
            consumer = await LedgerHost.StartAsync(database, broker.Endpoint.ConnectionString(), settings: PatientWatchdog);
            await using var publisher = await LedgerHost.StartAsync(database, broker.Endpoint.ConnectionString(), consume: false);
            var recorded = new List<Guid>();
            var writer = Task.Run(async () =>
            {
                for (var batch = 0; batch < 50; batch++)
                {
                    recorded.AddRange(await publisher.RecordAsync(100));
                    await Task.Delay(20, TestContext.Current.CancellationToken);
                }
            }, TestContext.Current.CancellationToken);

            await Eventually.Until(() => publisher.QueryAsync(db => db.Applied.CountAsync()), n => n >= 500, TimeSpan.FromSeconds(60), "the stream under way");
            await broker.DisposeAsync();
            broker = await RabbitMqServer.StartAsync(directory, amqp, management, TestContext.Current.CancellationToken);
            await writer;

            // The test is the consumer's supervisor: when MassTransit leaves its endpoint detached
            // after the broker restart (it sometimes does), the watchdog stops the service and it
            // is started again, as the AppHost or an orchestrator would.
            var restarts = 0;
            var applied = await Eventually.Until(async () =>
                {
                    if (consumer.HasStopped)
                    {
                        await consumer.DisposeAsync();
                        consumer = await LedgerHost.StartAsync(database, broker.Endpoint.ConnectionString(), settings: PatientWatchdog);
                        restarts++;
                    }
                    return await publisher.QueryAsync(async db => (Applied: await db.Applied.CountAsync(), Waiting: await db.Set<Platform.ServiceDefaults.Messaging.Reliable.OutboxMessage>().CountAsync()));
                },
                n => n.Applied >= 5000 && n.Waiting == 0, TimeSpan.FromSeconds(120), "all 5,000 events applied (applied, still in the outbox)");
            Assert.InRange(restarts, 0, 1);
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            var entries = await publisher.QueryAsync(db => db.Applied.Select(a => a.EntryId).ToListAsync());
            Assert.Equal(5000, recorded.Count);
            Assert.Equal(recorded.Order(), entries.Order());
            Assert.Equal(0, applied.Waiting);
            Assert.Equal(0u, (await AmqpQueue.InspectAsync(broker.Endpoint.ConnectionString(), LedgerQueue + "_skipped")).Messages);
        }
        finally
        {
            if (consumer is not null) await consumer.DisposeAsync();
            await broker.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_service_whose_receive_queue_is_left_without_its_consumer_stops_itself_for_a_restart()
    {
        var (database, amqp) = await LedgerHost.IsolateAsync(servers, TestTags.New("wd"));
        var host = await LedgerHost.StartAsync(database, amqp, settings: Watchdog);
        try
        {
            // A broker restart sometimes leaves MassTransit's endpoint detached (the bus started,
            // the queue without a consumer); no test can make MassTransit do that on demand, so the
            // bus is stopped behind the service's back, which leaves the broker seeing the same thing.
            await host.Services.GetRequiredService<IBusControl>().StopAsync(TestContext.Current.CancellationToken);
            var entries = await host.RecordAsync(5);
            await Eventually.Until(() => Task.FromResult(host.HasStopped), stopped => stopped, TimeSpan.FromSeconds(20), "the service stopping itself");
            Assert.Equal(75, Environment.ExitCode);
            Environment.ExitCode = 0; // the test process is not the one that was meant to exit

            // Its supervisor starts it again: the events recorded meanwhile are applied.
            await host.DisposeAsync();
            host = await LedgerHost.StartAsync(database, amqp, settings: Watchdog);
            var applied = await Eventually.Until(() => host.QueryAsync(db => db.Applied.Select(a => a.EntryId).ToListAsync()), a => a.Count >= 5, TimeSpan.FromSeconds(20), "the events applied after the restart");
            Assert.Equal(entries.Order(), applied.Order());
        }
        finally
        {
            Environment.ExitCode = 0;
            await host.DisposeAsync();
        }
    }

    // Longer than MassTransit's own first reconnect attempts, so a healthy reconnect is never cut short.
    private static readonly Dictionary<string, string?> PatientWatchdog = new()
    {
        ["Messaging:WatchdogInterval"] = "00:00:03",
        ["Messaging:WatchdogStrikes"] = "6",
    };

    private static readonly Dictionary<string, string?> Watchdog = new()
    {
        ["Messaging:WatchdogInterval"] = "00:00:00.500",
        ["Messaging:WatchdogStrikes"] = "3",
    };

    private async Task<LedgerHost> StartAsync(string tag)
    {
        var (database, amqp) = await LedgerHost.IsolateAsync(servers, tag);
        return await LedgerHost.StartAsync(database, amqp);
    }
}
