using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Quotas;

/// <summary>
/// Consumes quota atomically in PostgreSQL: one round trip locks the period's row, grants what
/// the limit allows and adds it, so concurrent requests for the last units are granted exactly
/// as many as remain, across any number of tenancy instances.
/// </summary>
public sealed class QuotaLedger(TenancyDbContext db, TimeProvider time)
{
    public async Task<QuotaDecision> ConsumeAsync(string tenantId, string metric, long units, long? limit, bool allowPartial, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var period = QuotaPeriod.StartOf(now);
        var table = ReliableMessagingModel.QualifiedTable<QuotaUsage>(db);
        // The first statement makes sure the period's row exists; the second locks it (the
        // CTE's FOR UPDATE makes a concurrent consumer wait and then see the new total) and
        // adds the grant. Both go in one batch: one round trip.
        await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
        batch.BatchCommands.Add(Command(
            $"INSERT INTO {table} (tenant_id, metric, period_start, used) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING",
            tenantId, metric, period));
        batch.BatchCommands.Add(Command(
            $"""
            WITH current AS (
                SELECT used FROM {table} WHERE tenant_id = $1 AND metric = $2 AND period_start = $3 FOR UPDATE
            ), decided AS (
                SELECT CASE
                    WHEN $5::bigint IS NULL THEN $4
                    WHEN $6 THEN LEAST($4, GREATEST($5::bigint - used, 0))
                    WHEN used + $4 <= $5::bigint THEN $4
                    ELSE 0 END AS granted
                FROM current
            )
            UPDATE {table} q SET used = q.used + d.granted FROM decided d
            WHERE q.tenant_id = $1 AND q.metric = $2 AND q.period_start = $3
            RETURNING q.used, d.granted
            """,
            tenantId, metric, period, units, (object?)limit ?? DBNull.Value, allowPartial));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new QuotaDecision(tenantId, metric, units, reader.GetInt64(1), reader.GetInt64(0), limit, QuotaPeriod.EndOf(now));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Gives back units that were granted but not used; usage never goes below zero.</summary>
    public async Task<long> ReleaseAsync(string tenantId, string metric, long units, CancellationToken cancellationToken)
    {
        var period = QuotaPeriod.StartOf(time.GetUtcNow());
        await db.Set<QuotaUsage>()
            .Where(q => q.TenantId == tenantId && q.Metric == metric && q.PeriodStart == period)
            .ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used > units ? q.Used - units : 0), cancellationToken);
        return await UsedAsync(tenantId, metric, cancellationToken);
    }

    public async Task<long> UsedAsync(string tenantId, string metric, CancellationToken cancellationToken)
    {
        var period = QuotaPeriod.StartOf(time.GetUtcNow());
        return await db.Set<QuotaUsage>().Where(q => q.TenantId == tenantId && q.Metric == metric && q.PeriodStart == period)
            .Select(q => (long?)q.Used).SingleOrDefaultAsync(cancellationToken) ?? 0;
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            // Only the limit can be null; a null needs its type spelled out.
            command.Parameters.Add(value is DBNull ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint } : new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
