using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Tests.Infrastructure;
using RabbitMQ.Client;

namespace Platform.Tests.Messaging;

/// <summary>
/// Dead letters end in the observability service's archive, and operators list, inspect, retry,
/// discard and clean them up through the gateway's <c>/v1/admin/dlq</c>.
/// </summary>
public sealed class DeadLetterArchiveTests(DeadLetterArchiveFixture fixture) : IClassFixture<DeadLetterArchiveFixture>
{
    private const string Queue = LedgerApp.Queue;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_poison_message_is_archived_after_its_retries_with_the_fault_and_once_fixed_a_retry_through_the_api_applies_it_exactly_once()
    {
        var ledger = fixture.Ledger;
        var entry = Guid.NewGuid();
        ledger.Faults.Fail(entry);
        await ledger.RecordAsync([entry]);

        var letter = await ArchivedAsync(entry);
        Assert.Equal("fault", letter.GetProperty("reason").GetString());
        Assert.Equal($"{Queue}_error", letter.GetProperty("queue").GetString());
        Assert.Equal(Queue, letter.GetProperty("originalQueue").GetString());
        Assert.Equal("urn:message:Platform.Tests.Messaging:LedgerEntryRecorded", letter.GetProperty("messageType").GetString());
        Assert.Equal("acme-clinic", letter.GetProperty("tenantId").GetString());
        Assert.Equal(typeof(InvalidOperationException).FullName, letter.GetProperty("exceptionType").GetString());
        Assert.Equal(LedgerFaults.Reason, letter.GetProperty("exceptionMessage").GetString());
        Assert.Equal(1, letter.GetProperty("retryCount").GetInt32());
        Assert.Equal(1, letter.GetProperty("redeliveryCount").GetInt32());
        Assert.False(letter.GetProperty("resolved").GetBoolean());
        var id = letter.GetProperty("id").GetInt64();

        var detail = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/v1/admin/dlq/{id}", Cancel);
        Assert.Contains(entry.ToString(), detail.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal("utf-8", detail.GetProperty("bodyEncoding").GetString());
        Assert.Equal(LedgerFaults.Reason, detail.GetProperty("headers").GetProperty("MT-Fault-Message").GetString());
        Assert.Contains(nameof(LedgerEntryRecordedConsumer), detail.GetProperty("stackTrace").GetString(), StringComparison.Ordinal);
        // Acknowledged only once stored: nothing is left behind in the error queue.
        await Eventually.Until(async () => (await AmqpQueue.InspectAsync(fixture.MessagingConnectionString, $"{Queue}_error")).Messages, n => n == 0, TimeSpan.FromSeconds(10), "the error queue drained");

        var stats = await fixture.Gateway.GetFromJsonAsync<JsonElement>("/v1/admin/dlq/stats", Cancel);
        Assert.True(stats.GetProperty("unresolved").GetInt32() >= 1);
        Assert.Contains(stats.GetProperty("byQueue").EnumerateArray(), q => q.GetProperty("key").GetString() == $"{Queue}_error");
        Assert.True(stats.GetProperty("oldestUnresolvedAgeSeconds").GetDouble() >= 0);

        ledger.Faults.Fix(entry);
        using (var retried = await fixture.Gateway.PostAsync($"/v1/admin/dlq/{id}/retry", null, Cancel))
        {
            var body = await retried.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.True(body.GetProperty("resolved").GetBoolean());
            Assert.Equal("retried", body.GetProperty("resolution").GetString());
        }
        await Eventually.Until(() => ledger.QueryAsync(db => db.Applied.CountAsync(a => a.EntryId == entry)), n => n == 1, TimeSpan.FromSeconds(20), "the retried message applied");
        using (var again = await fixture.Gateway.PostAsync($"/v1/admin/dlq/{id}/retry", null, Cancel))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            await Problem.ReadAsync(again);
        }
        var marker = await ledger.RecordAsync(1);
        await Eventually.Until(() => ledger.QueryAsync(db => db.Applied.AnyAsync(a => a.EntryId == marker[0])), seen => seen, TimeSpan.FromSeconds(20), "a later message applied");
        Assert.Equal(1, await ledger.QueryAsync(db => db.Applied.CountAsync(a => a.EntryId == entry)));
    }

    [Fact]
    public async Task A_filtered_batch_is_retried_a_discard_needs_a_note_and_cleanup_removes_resolved_records()
    {
        var ledger = fixture.Ledger;
        var (retryMe, alsoRetryMe, discardMe) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        foreach (var e in new[] { retryMe, alsoRetryMe, discardMe }) ledger.Faults.Fail(e);
        await ledger.RecordAsync([retryMe, alsoRetryMe, discardMe]);
        var discard = (await ArchivedAsync(discardMe)).GetProperty("id").GetInt64();
        await ArchivedAsync(retryMe);
        await ArchivedAsync(alsoRetryMe);

        using (var noNote = await fixture.Gateway.PostAsJsonAsync($"/v1/admin/dlq/{discard}/discard", new { note = " " }, Cancel))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
            await Problem.ReadAsync(noNote);
        }
        using (var discarded = await fixture.Gateway.PostAsJsonAsync($"/v1/admin/dlq/{discard}/discard", new { note = "entry voided by finance" }, Cancel))
        {
            var body = await discarded.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal("discarded", body.GetProperty("resolution").GetString());
            Assert.Equal("entry voided by finance", body.GetProperty("notes").GetString());
        }

        ledger.Faults.Fix(retryMe);
        ledger.Faults.Fix(alsoRetryMe);
        using (var batch = await fixture.Gateway.PostAsJsonAsync("/v1/admin/dlq/retry", new { queue = $"{Queue}_error", tenant = "acme-clinic" }, Cancel))
        {
            var result = await batch.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.True(result.GetProperty("retried").GetArrayLength() >= 2);
            Assert.Equal(0, result.GetProperty("failed").GetArrayLength());
        }
        await Eventually.Until(() => ledger.QueryAsync(db => db.Applied.CountAsync(a => a.EntryId == retryMe || a.EntryId == alsoRetryMe)), n => n == 2, TimeSpan.FromSeconds(20), "both retried messages applied");
        Assert.Equal(0, await ledger.QueryAsync(db => db.Applied.CountAsync(a => a.EntryId == discardMe)));

        var unresolved = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/v1/admin/dlq?queue={Queue}&resolved=false&pageSize=500", Cancel);
        Assert.DoesNotContain(unresolved.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetInt64() == discard);
        using (var cleanup = await fixture.Gateway.DeleteAsync("/v1/admin/dlq?olderThanDays=0", Cancel))
            Assert.True((await cleanup.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("deleted").GetInt32() >= 3);
        using (var gone = await fixture.Gateway.GetAsync($"/v1/admin/dlq/{discard}", Cancel))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            await Problem.ReadAsync(gone);
        }
    }

    [Fact]
    public async Task Unparseable_unknown_and_oversized_messages_are_archived_with_their_reason_and_the_consumer_keeps_going()
    {
        var unparseable = Guid.NewGuid();
        var unknown = Guid.NewGuid();
        var oversized = Guid.NewGuid();
        await using (var connection = await new ConnectionFactory { Uri = new Uri(fixture.MessagingConnectionString) }.CreateConnectionAsync(Cancel))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true), Cancel))
        {
            await SendAsync(channel, unparseable, "{ this is not json");
            await SendAsync(channel, unknown, Envelope(unknown, "urn:message:Someone.Else:Unknown", "{}"));
            await SendAsync(channel, oversized, Envelope(oversized, "urn:message:Platform.Tests.Messaging:LedgerEntryRecorded",
                $$"""{ "tenantId": "acme-clinic", "entryId": "{{Guid.NewGuid()}}", "amount": 1, "memo": "{{new string('x', 8000)}}" }"""));
        }

        Assert.Equal("unparseable", (await ArchivedByIdAsync(unparseable)).GetProperty("reason").GetString());
        var skipped = await ArchivedByIdAsync(unknown);
        Assert.Equal("unknown-message-type", skipped.GetProperty("reason").GetString());
        Assert.Equal($"{Queue}_skipped", skipped.GetProperty("queue").GetString());
        var tooBig = await ArchivedByIdAsync(oversized);
        Assert.Equal("oversized", tooBig.GetProperty("reason").GetString());
        Assert.Equal(0, tooBig.GetProperty("retryCount").GetInt32());
        Assert.Equal(0, tooBig.GetProperty("redeliveryCount").GetInt32());

        var marker = await fixture.Ledger.RecordAsync(1);
        await Eventually.Until(() => fixture.Ledger.QueryAsync(db => db.Applied.AnyAsync(a => a.EntryId == marker[0])), seen => seen, TimeSpan.FromSeconds(20), "a later message applied");
    }

    [Theory]
    [InlineData("/v1/admin/dlq?pageSize=0", HttpStatusCode.BadRequest)]
    [InlineData("/v1/admin/dlq?page=0", HttpStatusCode.BadRequest)]
    [InlineData("/v1/admin/dlq?since=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("/v1/admin/dlq/987654321", HttpStatusCode.NotFound)]
    public async Task Invalid_admin_requests_get_problem_details(string path, HttpStatusCode expected)
    {
        using var response = await fixture.Gateway.GetAsync(path, Cancel);
        Assert.Equal(expected, response.StatusCode);
        await Problem.ReadAsync(response);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("not-the-admin-key", HttpStatusCode.Forbidden)]
    public async Task The_archive_answers_only_to_the_platform_admin_key(string? key, HttpStatusCode expected)
    {
        using var client = fixture.Platform.CreateGatewayClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/dlq/stats");
        if (key is not null) request.Headers.Add("X-Admin-Key", key);
        using var response = await client.SendAsync(request, Cancel);
        Assert.Equal(expected, response.StatusCode);
        await Problem.ReadAsync(response);
    }

    private static string Envelope(Guid messageId, string messageType, string message) => $$"""
        { "messageId": "{{messageId}}", "messageType": ["{{messageType}}"], "message": {{message}}, "headers": {} }
        """;

    // Straight to the ledger's queue through the default exchange, as a misbehaving publisher would.
    private static async Task SendAsync(IChannel channel, Guid messageId, string body)
    {
        var properties = new BasicProperties
        {
            MessageId = messageId.ToString(),
            ContentType = "application/vnd.masstransit+json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?> { ["X-Tenant-ID"] = "acme-clinic" },
        };
        await channel.BasicPublishAsync("", Queue, true, properties, Encoding.UTF8.GetBytes(body), Cancel);
    }

    private async Task<JsonElement> ArchivedAsync(Guid entryId) =>
        await Eventually.Until(async () =>
            {
                var page = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/v1/admin/dlq?queue={Queue}&resolved=false&pageSize=500", Cancel);
                var items = page.GetProperty("items").EnumerateArray().ToList();
                foreach (var item in items)
                {
                    var detail = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/v1/admin/dlq/{item.GetProperty("id").GetInt64()}", Cancel);
                    if (detail.GetProperty("body").GetString()!.Contains(entryId.ToString(), StringComparison.Ordinal)) return (JsonElement?)item;
                }
                return null;
            },
            found => found is not null, TimeSpan.FromSeconds(45), $"entry {entryId} in the archive") ?? default;

    private async Task<JsonElement> ArchivedByIdAsync(Guid messageId) =>
        await Eventually.Until(async () =>
            {
                var page = await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/v1/admin/dlq?queue={Queue}&pageSize=500", Cancel);
                return page.GetProperty("items").EnumerateArray()
                    .Select(i => (JsonElement?)i)
                    .FirstOrDefault(i => i!.Value.GetProperty("messageId").ValueKind == JsonValueKind.String && i.Value.GetProperty("messageId").GetGuid() == messageId);
            },
            found => found is not null, TimeSpan.FromSeconds(45), $"message {messageId} in the archive") ?? default;
}
