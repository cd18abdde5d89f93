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
/// wakes the dispatcher as a SaveChanges that staged them would. Not thread-safe: one unit of work.
/// </summary>
public sealed class OutboxCopy(string? ambientTenant, TimeProvider time) : IOutbox
{
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
            $"COPY {ReliableMessagingModel.QualifiedTable<OutboxMessage>(db)} (message_id, message_type, body, tenant_id, created_at, trace_parent) FROM STDIN (FORMAT BINARY)",
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

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken cancellationToken)
    {
        if (value is null) await writer.WriteNullAsync(cancellationToken);
        else await writer.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
    }
}
