using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Platform.Prediction.Data;

namespace Platform.Prediction.Predictions;

/// <summary>
/// Writes many predictions with PostgreSQL's binary COPY on the context's current transaction:
/// a 1,000-row batch through EF's change tracker and batched INSERTs took ~450 ms, most of the
/// batch endpoint's time. The caller owns the transaction, so the rows commit with the outbox
/// events staged beside them or not at all.
/// </summary>
internal static class PredictionCopy
{
    public static async Task WriteAsync(PredictionDbContext db, IReadOnlyList<StoredPrediction> predictions, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not { } transaction) throw new InvalidOperationException("COPY must run inside the caller's transaction");
        var connection = (NpgsqlConnection)transaction.GetDbTransaction().Connection!;
        var table = db.Model.FindEntityType(typeof(StoredPrediction))!;
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table.GetSchema()}\".\"{table.GetTableName()}\" (id, tenant_id, patient_id, model_name, model_version, risk, level, logit, baseline, degraded, features, factors, created_at, job_id, row_index) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var p in predictions)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(p.TenantId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(p.PatientId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(p.ModelName, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(p.ModelVersion, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(p.Risk, NpgsqlDbType.Double, cancellationToken);
            await writer.WriteAsync(StoredPrediction.LevelColumn(p.Level), NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(p.Logit, NpgsqlDbType.Double, cancellationToken);
            await writer.WriteAsync(p.Baseline, NpgsqlDbType.Double, cancellationToken);
            await writer.WriteAsync(p.Degraded, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync(p.Features, NpgsqlDbType.Json, cancellationToken);
            await writer.WriteAsync(p.Factors, NpgsqlDbType.Json, cancellationToken);
            await writer.WriteAsync(p.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            if (p.JobId is { } job) await writer.WriteAsync(job, NpgsqlDbType.Uuid, cancellationToken);
            else await writer.WriteNullAsync(cancellationToken);
            if (p.RowIndex is { } row) await writer.WriteAsync(row, NpgsqlDbType.Integer, cancellationToken);
            else await writer.WriteNullAsync(cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }
}
