using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.ServiceDefaults.Resilience;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// Group commit for the inbox. Deliveries that arrive while a batch is running wait for the
/// next one; a batch claims all their inbox rows in one statement, lets each delivery apply its
/// consumer in turn on the batch's transaction, and commits once. A busy service thus pays one
/// claim and one commit per batch instead of per message; an idle one sees batches of one.
/// A delivery whose consumer throws before sending the database anything (validation, a missing
/// dependency) just leaves the batch: its inbox row is taken back and its retries run alone. One
/// that fails after sending commands rolls the batch back: it gets its own exception, every other
/// delivery of the batch runs again alone. A consumer's effects outside its database may therefore
/// repeat, as they already could when a commit failed.
/// </summary>
internal sealed partial class InboxCommitGroup<TContext>(
    IServiceScopeFactory scopes,
    TimeProvider time,
    CircuitBreakerRegistry breakers,
    IOptions<ReliableMessagingOptions> options,
    IMeterFactory meters,
    ILogger<InboxCommitGroup<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private readonly Histogram<int> _batchSize = meters.Create("Platform.Messaging").CreateHistogram<int>(
        "platform.messaging.inbox.batch_size", unit: "{message}",
        description: "Deliveries that shared one inbox transaction, by whether it committed.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    private readonly Channel<InboxParticipant> _waiting = Channel.CreateUnbounded<InboxParticipant>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a delivery for the next batch; false when batching is off or the group has stopped.</summary>
    public bool TryJoin(string consumer, Guid messageId, out InboxParticipant participant)
    {
        participant = new InboxParticipant(consumer, messageId, Activity.Current?.Context ?? default);
        return options.Value.InboxBatchLimit > 1 && _waiting.Writer.TryWrite(participant);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var limit = options.Value.InboxBatchLimit;
        var batch = new List<InboxParticipant>(limit);
        try
        {
            while (await _waiting.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < limit && _waiting.Reader.TryRead(out var participant)) batch.Add(participant);
                // The deliveries' turns must not be cut off by shutdown halfway: a batch is short,
                // and MassTransit stops handing out messages before the host stops this service.
                await RunBatchAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Whoever still waits runs alone.
            _waiting.Writer.TryComplete();
            while (_waiting.Reader.TryRead(out var participant)) participant.Claim.TrySetResult(InboxClaimKind.Alone);
        }
    }

    private async Task RunBatchAsync(List<InboxParticipant> batch)
    {
        using var activity = StartActivity(batch);
        var turns = new List<InboxParticipant>(batch.Count);
        var committed = false;
        try
        {
            await breakers.Database.ExecuteAsync(async ct =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await ClaimAsync(db, transaction.GetDbTransaction(), batch, turns, ct);
                foreach (var participant in turns)
                {
                    participant.Transaction = transaction.GetDbTransaction();
                    participant.Claim.SetResult(InboxClaimKind.Turn);
                    switch (await participant.TurnDone.Task)
                    {
                        case InboxTurnOutcome.FailedBeforeDatabase:
                            // Its retry must find no inbox row, or it would pass for a duplicate.
                            await ReleaseAsync(db, transaction.GetDbTransaction(), participant);
                            break;
                        case InboxTurnOutcome.FailedInDatabase:
                            await transaction.RollbackAsync(CancellationToken.None);
                            return;
                    }
                }
                // Through EF, so the commit wakes the outbox dispatcher for what the consumers staged.
                await transaction.CommitAsync(CancellationToken.None);
                committed = true;
            }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogBatchFailed(logger, ex, batch.Count);
        }
        activity?.SetTag("messaging.batch.message_count", batch.Count);
        var outcome = new KeyValuePair<string, object?>("outcome", committed ? "committed" : "rolled-back");
        _batchSize.Record(batch.Count, outcome);
        activity?.SetTag("platform.inbox.committed", committed);
        foreach (var participant in batch)
        {
            participant.Transaction = null;
            // Those never given a turn run alone; those that had one learn the batch's fate.
            if (!participant.Claim.TrySetResult(InboxClaimKind.Alone)) participant.Committed.TrySetResult(committed);
        }
    }

    /// <summary>
    /// Inserts the batch's inbox rows in one statement. A row that exists already is a duplicate,
    /// answered at once; a second delivery of one message inside the batch runs alone, so it
    /// waits for this batch's row and then sees whether it committed.
    /// </summary>
    private async Task ClaimAsync(TContext db, DbTransaction transaction, List<InboxParticipant> batch, List<InboxParticipant> turns, CancellationToken cancellationToken)
    {
        var first = new Dictionary<(string, Guid), InboxParticipant>(batch.Count);
        foreach (var participant in batch)
        {
            if (!first.TryAdd((participant.Consumer, participant.MessageId), participant)) participant.Claim.SetResult(InboxClaimKind.Alone);
        }

        await using var command = (NpgsqlCommand)transaction.Connection!.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        // The table name comes from the EF model, the values travel as parameters.
        command.CommandText =
            "INSERT INTO " + ReliableMessagingModel.QualifiedTable<InboxMessage>(db) + " (consumer, message_id, processed_at) " +
            "SELECT c, m, $3 FROM unnest($1::text[], $2::uuid[]) AS t(c, m) ON CONFLICT DO NOTHING RETURNING consumer, message_id";
        command.Parameters.Add(new NpgsqlParameter { Value = first.Keys.Select(k => k.Item1).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = first.Keys.Select(k => k.Item2).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        var claimed = new HashSet<(string, Guid)>(first.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) claimed.Add((reader.GetString(0), reader.GetGuid(1)));
        }
        foreach (var (key, participant) in first)
        {
            if (claimed.Contains(key)) turns.Add(participant);
            else participant.Claim.SetResult(InboxClaimKind.Duplicate);
        }
    }

    private static async Task ReleaseAsync(TContext db, DbTransaction transaction, InboxParticipant participant)
    {
        await using var command = (NpgsqlCommand)transaction.Connection!.CreateCommand();
        command.Transaction = (NpgsqlTransaction)transaction;
        command.CommandText = "DELETE FROM " + ReliableMessagingModel.QualifiedTable<InboxMessage>(db) + " WHERE consumer = $1 AND message_id = $2";
        command.Parameters.Add(new NpgsqlParameter { Value = participant.Consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = participant.MessageId });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    // The batch's own statements (claim, commit) belong to every delivery in it: linked, not parented.
    private static Activity? StartActivity(List<InboxParticipant> batch) =>
        MessagingTelemetry.Source.StartActivity(
            ActivityKind.Internal,
            parentContext: default,
            links: batch.Where(p => p.Trace != default).Select(p => new ActivityLink(p.Trace)),
            name: "inbox batch");

    [LoggerMessage(LogLevel.Warning, "Inbox batch of {Count} failed; its deliveries run alone")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
