using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Quotas;

/// <summary>
/// The storage quota: a tenant's stores (files and vectors, database) together may hold the
/// tier's <c>StorageGb</c>. What they hold is the newest sample of each store; a service about to
/// store more asks whether it fits.
/// </summary>
public sealed class StorageQuota(TenancyDbContext db)
{
    /// <summary>Keeps the sample if it is newer than the one held for the store (samples may arrive out of order).</summary>
    public Task RecordSampleAsync(string tenantId, string store, decimal gigabytes, DateTimeOffset sampledAt, CancellationToken cancellationToken)
    {
        var table = ReliableMessagingModel.QualifiedTable<StoredVolume>(db);
        // The table name comes from the EF model; every value is a parameter.
        var upsert = "INSERT INTO " + table + " (tenant_id, store, gigabytes, sampled_at) VALUES ({0}, {1}, {2}, {3}) " +
            "ON CONFLICT (tenant_id, store) DO UPDATE SET gigabytes = excluded.gigabytes, sampled_at = excluded.sampled_at WHERE " + table + ".sampled_at < excluded.sampled_at";
        return db.Database.ExecuteSqlRawAsync(upsert, [tenantId, store, gigabytes, sampledAt], cancellationToken);
    }

    /// <summary>Gigabytes the tenant's stores hold now, by their newest samples.</summary>
    public async Task<decimal> UsedAsync(string tenantId, CancellationToken cancellationToken) =>
        await db.StoredVolumes.Where(v => v.TenantId == tenantId).SumAsync(v => v.Gigabytes, cancellationToken);
}
