using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Messaging;

/// <summary>
/// The inbox's group commit on real PostgreSQL and RabbitMQ: deliveries in flight together share
/// one transaction, and a failing delivery rolls its batch back without losing or doubling any
/// neighbour's effect. PostgreSQL's <c>xmin</c> names the transaction that wrote each inbox row,
/// so the tests count transactions instead of trusting a counter of our own.
/// </summary>
public sealed class InboxCommitGroupTests(PlatformServers servers)
{
    private static readonly Dictionary<string, string?> FastFailure = new()
    {
        ["Messaging:RetryLimit"] = "1",
        ["Messaging:RetryMinInterval"] = "00:00:00.010",
        ["Messaging:RetryMaxInterval"] = "00:00:00.050",
        ["Messaging:Redelivery:Default:Retries"] = "1",
        ["Messaging:Redelivery:Default:InitialDelay"] = "00:00:00.200",
    };

    [Fact]
    public async Task A_flood_of_deliveries_commits_in_shared_transactions_and_poison_among_them_costs_no_neighbour_its_single_effect()
    {
        var (database, amqp) = await LedgerHost.IsolateAsync(servers, TestTags.New("group"));

        var (recorded, poison) = await FloodAsync(database, amqp, perTransaction: 100, transactions: 20, poisonEvery: 100);

        var consumer = await LedgerHost.StartAsync(database, amqp, settings: FastFailure, faults: f => poison.ForEach(id => f.Fail(id)));
        try
        {
            var healthy = recorded.Except(poison).ToList();
            await Eventually.Until(() => consumer.QueryAsync(db => db.Applied.CountAsync()), n => n >= healthy.Count, TimeSpan.FromSeconds(60), "every healthy event applied");
            await Eventually.Until(async () => (await AmqpQueue.InspectAsync(amqp, LedgerApp.Queue + "_error")).Messages, n => n == poison.Count, TimeSpan.FromSeconds(30), "the poison in the error queue");

            var applied = await consumer.QueryAsync(db => db.Applied.Select(a => a.EntryId).ToListAsync());
            Assert.Equal(healthy.Order(), applied.Order());
            var (rows, transactions) = await InboxTransactionsAsync(consumer);
            Assert.Equal(healthy.Count, rows);
            // 1,980 deliveries in far fewer commits: batching held, the 20 refused ones leaving their batches without a rollback.
            Assert.True(transactions * 4 <= rows, $"{rows} inbox rows written by {transactions} transactions");
            Assert.Equal(0u, (await AmqpQueue.InspectAsync(amqp, LedgerApp.Queue + "_skipped")).Messages);
        }
        finally
        {
            await consumer.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_delivery_failing_after_it_wrote_rolls_its_batch_back_its_write_is_undone_and_each_neighbour_applied_once_with_its_after_commit_work_run_once()
    {
        var (database, amqp) = await LedgerHost.IsolateAsync(servers, TestTags.New("halfway"));
        var (recorded, poison) = await FloodAsync(database, amqp, perTransaction: 100, transactions: 5, poisonEvery: 100);

        var consumer = await LedgerHost.StartAsync(database, amqp, settings: FastFailure, faults: f => poison.ForEach(id => f.Fail(id, afterWriting: true)));
        try
        {
            var healthy = recorded.Except(poison).ToList();
            await Eventually.Until(async () => (await AmqpQueue.InspectAsync(amqp, LedgerApp.Queue + "_error")).Messages, n => n == poison.Count, TimeSpan.FromSeconds(30), "the poison in the error queue");
            await Eventually.Until(() => consumer.QueryAsync(db => db.Applied.CountAsync()), n => n >= healthy.Count, TimeSpan.FromSeconds(30), "every healthy event applied");

            // The poison's own row went with its rollback; nothing else was lost or doubled.
            var applied = await consumer.QueryAsync(db => db.Applied.Select(a => a.EntryId).ToListAsync());
            Assert.Equal(healthy.Order(), applied.Order());
            Assert.Equal(healthy.Count, (await InboxTransactionsAsync(consumer)).Rows);
            // A neighbour whose turn came before a poison's was applied twice, in the batch that
            // rolled back and then alone; the work each left for after its commit ran once, and the
            // poison's never.
            Assert.Equal(healthy.Order(), consumer.SideEffects.Runs.Keys.Order());
            Assert.All(consumer.SideEffects.Runs, run => Assert.Equal(1, run.Value));
        }
        finally
        {
            await consumer.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Messaging:Outbox:InboxBatchLimit", "1")]
    [InlineData("Messaging:Outbox:InboxAloneKinds:0", "default")]
    public async Task With_batching_off_or_for_a_kind_that_runs_alone_every_delivery_commits_alone(string setting, string value)
    {
        var (database, amqp) = await LedgerHost.IsolateAsync(servers, TestTags.New("alone"));
        // Unbatched, every delivery in flight holds a connection: a shallow prefetch keeps this test
        // from taking the shared PostgreSQL's connections from the tests running beside it.
        var settings = new Dictionary<string, string?> { [setting] = value, ["Messaging:PrefetchCount"] = "16" };
        await using var host = await LedgerHost.StartAsync(database, amqp, settings: settings);

        var recorded = await host.RecordAsync(200);
        await Eventually.Until(() => host.QueryAsync(db => db.Applied.CountAsync()), n => n >= 200, TimeSpan.FromSeconds(30), "the events applied");

        var (rows, transactions) = await InboxTransactionsAsync(host);
        Assert.Equal(200, rows);
        Assert.Equal(200, transactions);
        Assert.Equal(recorded.Order(), await host.QueryAsync(db => db.Applied.Select(a => a.EntryId).OrderBy(e => e).ToListAsync()));
    }

    /// <summary>
    /// Fills the consumer's queue while no consumer runs, so that once one starts the deliveries
    /// arrive as a flood; one entry of every <paramref name="poisonEvery"/> is returned as poison.
    /// </summary>
    private static async Task<(List<Guid> Recorded, List<Guid> Poison)> FloodAsync(string database, string amqp, int perTransaction, int transactions, int poisonEvery)
    {
        // A first start declares the queue; the publisher-only instance then fills it.
        await using (var declare = await LedgerHost.StartAsync(database, amqp, settings: FastFailure)) { }
        var recorded = new List<Guid>();
        await using var publisher = await LedgerHost.StartAsync(database, amqp, consume: false);
        for (var i = 0; i < transactions; i++) recorded.AddRange(await publisher.RecordAsync(perTransaction));
        await Eventually.Until(() => publisher.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()), n => n == 0, TimeSpan.FromSeconds(30), "the outbox dispatched");
        // Spread through the stream, not at its head.
        return (recorded, [.. recorded.Where((_, i) => i % poisonEvery == poisonEvery / 2)]);
    }

    private static Task<(int Rows, int Transactions)> InboxTransactionsAsync(LedgerHost host) =>
        host.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*)::int, count(DISTINCT xmin::text)::int FROM " + ReliableMessagingModel.QualifiedTable<InboxMessage>(db);
                await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
                await reader.ReadAsync(TestContext.Current.CancellationToken);
                return (reader.GetInt32(0), reader.GetInt32(1));
            }
            finally
            {
                await connection.CloseAsync();
            }
        });
}
