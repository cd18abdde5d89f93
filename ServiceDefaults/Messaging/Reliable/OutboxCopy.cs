using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// An outbox for work that stages hundreds of events at once (a 1,000-row prediction batch stages
/// ~150): the events are kept in a list, not in the change tracker (EF's Add alone cost a batch
/// ~2 ms), and <see cref="WriteAsync"/> writes them with PostgreSQL's binary COPY on the context's
/// current transaction. They commit with the caller's transaction or not at all, and that commit
/// wakes the dispatcher as a SaveChanges that staged them would. A unit of work staging only a few
/// (a single prediction) adds them as INSERTs to its own batch instead (<see cref="AppendInserts"/>).
/// Not thread-safe: one unit of work.
/// </summary>
public sealed class OutboxCopy(string? ambientTenant, TimeProvider time) : IOutbox
{
    // One column list for COPY and INSERT, in the order both write the values.
    private const string Columns = "message_id, message_type, body, tenant_id, created_at, trace_parent";

    private readonly List<OutboxMessage> _staged = [];

    public Guid Publish<T>(T message) where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var staged = OutboxMessage.For(message, ambientTenant, time.GetUtcNow());
        _staged.Add(staged);
        return staged.MessageId;
    }

    /// <summary>Writes what was published since the last call; nothing when nothing was.</summary>
    public async Task WriteAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (_staged.Count == 0) return;
        if (db.Database.CurrentTransaction is not { } transaction) throw new InvalidOperationException("COPY must run inside the caller's transaction");
        var connection = (NpgsqlConnection)transaction.GetDbTransaction().Connection!;
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY {ReliableMessagingModel.QualifiedTable<OutboxMessage>(db)} ({Columns}) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var message in _staged)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(message.MessageId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(message.MessageType, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(message.Body, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(writer, message.TenantId, cancellationToken);
                await writer.WriteAsync(message.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await WriteNullableAsync(writer, message.TraceParent, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        _staged.Clear();
        OutboxSignalInterceptor.MarkStaged(transaction.GetDbTransaction());
    }

    /// <summary>
    /// Adds an INSERT of each message published since the last call to <paramref name="batch"/>,
    /// which the caller runs with its own rows: a batch sent at once runs as one implicit
    /// transaction, so the events are stored with those rows or not at all, in one round trip.
    /// Once the batch has run, the caller wakes the dispatcher (<see cref="OutboxSignal.Notify"/>).
    /// </summary>
    public void AppendInserts(NpgsqlBatch batch, DbContext db)
    {
        foreach (var message in _staged)
        {
            var command = new NpgsqlBatchCommand($"INSERT INTO {ReliableMessagingModel.QualifiedTable<OutboxMessage>(db)} ({Columns}) VALUES ($1, $2, $3, $4, $5, $6)");
            command.Parameters.Add(new NpgsqlParameter { Value = message.MessageId, NpgsqlDbType = NpgsqlDbType.Uuid });
            command.Parameters.Add(new NpgsqlParameter { Value = message.MessageType, NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = message.Body, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)message.TenantId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            command.Parameters.Add(new NpgsqlParameter { Value = message.CreatedAt, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)message.TraceParent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
            batch.BatchCommands.Add(command);
        }
        _staged.Clear();
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken)
    {
        if (value is null) await writer.WriteNullAsync(cancellationToken);
        else await writer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
    }
}
