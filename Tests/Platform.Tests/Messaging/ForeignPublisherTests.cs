using System.Text;
using Microsoft.EntityFrameworkCore;
using Platform.Tests.Infrastructure;
using RabbitMQ.Client;

namespace Platform.Tests.Messaging;

/// <summary>
/// Another team's publisher, speaking plain AMQP with the envelope the README documents (a JSON
/// string built by hand, no MassTransit types): a platform consumer applies it, once.
/// </summary>
public sealed class ForeignPublisherTests(PlatformServers servers)
{
    [Fact]
    public async Task A_hand_written_masstransit_envelope_over_plain_amqp_is_consumed_once()
    {
        var tag = TestTags.New("amqp");
        await servers.Infra.RabbitMq.CreateVirtualHostAsync(tag, TestContext.Current.CancellationToken);
        await using var host = await LedgerHost.StartAsync(servers.Infra.Postgres.ForDatabase($"ledgerdb_{tag}"), servers.Infra.RabbitMq.ConnectionString(tag));
        var (messageId, entryId) = (Guid.NewGuid(), Guid.NewGuid());
        var body = $$"""
            {
              "messageId": "{{messageId}}",
              "messageType": ["urn:message:Platform.Tests.Messaging:LedgerEntryRecorded"],
              "message": { "tenantId": "acme-clinic", "entryId": "{{entryId}}", "amount": 42 },
              "sentTime": "2026-11-22T20:00:00Z",
              "headers": { "X-Tenant-ID": "acme-clinic" }
            }
            """;

        var factory = new ConnectionFactory { Uri = new Uri(servers.Infra.RabbitMq.ConnectionString(tag)) };
        await using (var connection = await factory.CreateConnectionAsync(TestContext.Current.CancellationToken))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), TestContext.Current.CancellationToken))
        {
            var properties = new BasicProperties
            {
                MessageId = messageId.ToString(),
                ContentType = "application/vnd.masstransit+json",
                DeliveryMode = DeliveryModes.Persistent,
                Headers = new Dictionary<string, object?> { ["X-Tenant-ID"] = "acme-clinic" },
            };
            // Twice, as a publisher retrying after a lost confirm would: applied once all the same.
            for (var i = 0; i < 2; i++)
                await channel.BasicPublishAsync("Platform.Tests.Messaging:LedgerEntryRecorded", "", false, properties, Encoding.UTF8.GetBytes(body), TestContext.Current.CancellationToken);
        }

        await Eventually.Until(() => host.QueryAsync(db => db.Applied.AnyAsync(a => a.EntryId == entryId)), seen => seen, TimeSpan.FromSeconds(20), "the foreign message applied");
        var marker = await host.RecordAsync(1);
        await Eventually.Until(() => host.QueryAsync(db => db.Applied.AnyAsync(a => a.EntryId == marker[0])), seen => seen, TimeSpan.FromSeconds(20), "a later message applied");
        Assert.Equal(1, await host.QueryAsync(db => db.Applied.CountAsync(a => a.EntryId == entryId)));
    }
}
