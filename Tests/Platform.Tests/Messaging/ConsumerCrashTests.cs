using Microsoft.EntityFrameworkCore;
using Platform.LocalInfra;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Messaging;

/// <summary>A consuming service killed with SIGKILL in the middle of a stream, then started again.</summary>
public sealed class ConsumerCrashTests(PlatformServers servers)
{
    private const string Queue = LedgerApp.Queue;
    private static readonly PlatformProject Ledger = new("ledger", "Tests/Platform.Tests.Ledger", "Platform.Tests.Ledger", "ledgerdb", "");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_consumer_process_killed_mid_stream_and_restarted_loses_nothing_and_applies_nothing_twice()
    {
        var tag = TestTags.New("kill");
        await servers.Infra.RabbitMq.CreateVirtualHostAsync(tag, Cancel);
        var database = servers.Infra.Postgres.ForDatabase($"ledgerdb_{tag}");
        var amqp = servers.Infra.RabbitMq.ConnectionString(tag);
        await using var publisher = await LedgerHost.StartAsync(database, amqp, consume: false);
        var consumer = await StartConsumerAsync(tag, database, amqp, 1);
        try
        {
            var recorded = new List<Guid>();
            var writer = Task.Run(async () =>
            {
                for (var batch = 0; batch < 40; batch++)
                {
                    recorded.AddRange(await publisher.RecordAsync(100));
                    await Task.Delay(25, Cancel);
                }
            }, Cancel);

            await Eventually.Until(() => publisher.QueryAsync(db => db.Applied.CountAsync()), n => n >= 800, TimeSpan.FromSeconds(60), "the stream under way");
            consumer.Kill();
            await consumer.WaitForExitAsync(Cancel);
            var appliedAtKill = await publisher.QueryAsync(db => db.Applied.CountAsync());
            consumer = await StartConsumerAsync(tag, database, amqp, 2);
            await writer;

            var final = await Eventually.Until(
                () => publisher.QueryAsync(async db => (Applied: await db.Applied.CountAsync(), Waiting: await db.Set<OutboxMessage>().CountAsync())),
                n => n.Applied >= 4000 && n.Waiting == 0, TimeSpan.FromSeconds(120), "all 4,000 events applied (applied, still in the outbox)");
            await Task.Delay(TimeSpan.FromSeconds(1), Cancel); // room for a duplicate to show
            var applied = await publisher.QueryAsync(db => db.Applied.Select(a => a.EntryId).ToListAsync());

            Assert.InRange(appliedAtKill, 800, 3999); // really killed mid-stream
            Assert.Equal(4000, recorded.Count);
            Assert.Equal(recorded.Order(), applied.Order()); // every event once: none lost, none twice
            Assert.Equal(0, final.Waiting);
            Assert.Equal(0u, (await AmqpQueue.InspectAsync(amqp, Queue + "_error")).Messages);
            Assert.Equal(0u, (await AmqpQueue.InspectAsync(amqp, Queue + "_skipped")).Messages); // duplicates are consumed, not dead letters
        }
        finally
        {
            await consumer.DisposeAsync();
        }
    }

    private async Task<ExternalProcess> StartConsumerAsync(string tag, string database, string amqp, int run)
    {
        var assembly = servers.ProjectAssembly(Ledger);
        var process = ExternalProcess.Start($"ledger-{run}", "dotnet", [assembly],
            Path.Combine(servers.RunDirectory, "logs", tag, $"ledger-{run}.log"),
            new Dictionary<string, string?> { ["ConnectionStrings__ledgerdb"] = database, ["ConnectionStrings__messaging"] = amqp },
            Path.GetDirectoryName(assembly));
        // Ready when its queue has a consumer: publishing before would route events nowhere on the first start.
        await Eventually.Until(async () => (await AmqpQueue.InspectAsync(amqp, Queue)).Consumers, n => n >= 1, TimeSpan.FromSeconds(60), $"ledger consumer {run} attached");
        return process;
    }
}
