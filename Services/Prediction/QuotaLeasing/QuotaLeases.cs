using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Prediction.Predictions;

namespace Platform.Prediction.QuotaLeasing;

/// <summary>
/// Single predictions spend prediction quota taken ahead from tenancy, so a busy tenant costs one
/// tenancy round trip per lease instead of one per prediction (measured: the round trip was half
/// of a single prediction's time). Tenancy still grants every unit, so the quota is never
/// exceeded, across any number of instances; a lease only moves the charge earlier, by at most
/// <see cref="QuotaLeaseOptions.Duration"/>, and what it did not spend is given back. A busy
/// tenant's next lease is asked for in the background when the current one runs low, so its
/// requests do not wait for tenancy (before, the request that emptied a lease did: at a steady
/// rate, one request per lease duration, half a percent of them at 200 a second).
/// </summary>
public sealed partial class QuotaLeases(IServiceProvider services, TimeProvider time, IOptions<QuotaLeaseOptions> options, ILogger<QuotaLeases> logger)
{
    private readonly ConcurrentDictionary<string, TenantLease> _leases = new(StringComparer.Ordinal);

    /// <summary>Null when a unit is granted; otherwise tenancy's refusal, to answer with unchanged.</summary>
    public async Task<QuotaRefusal?> TakeOneAsync(string tenantId, CancellationToken cancellationToken)
    {
        var (window, max) = (options.Value.Duration, options.Value.MaxUnits);
        var lease = _leases.GetOrAdd(tenantId, static _ => new TenantLease());
        if (TryTake(tenantId, lease, window, max)) return null;

        await lease.Refill.WaitAsync(cancellationToken);
        try
        {
            // Whoever refilled while this request waited may have brought enough for it too.
            if (TryTake(tenantId, lease, window, max)) return null;
            var size = lease.NextSize(time.GetUtcNow(), window, max);
            var grant = await Client().ConsumeAsync(tenantId, (int)size, allowPartial: true, cancellationToken);
            if (grant.Refusal is { } refusal) return refusal;
            lease.Add(grant.Granted, time.GetUtcNow(), window, grant.ResetAt!.Value);
            if (grant.Granted > 1) LogLeased(logger, grant.Granted, tenantId);
            return null;
        }
        finally
        {
            lease.Refill.Release();
        }
    }

    /// <summary>Takes a unit from the lease; every unit taken may start the next lease's renewal.</summary>
    private bool TryTake(string tenantId, TenantLease lease, TimeSpan window, int max)
    {
        if (!lease.TryTake(time.GetUtcNow(), window)) return false;
        RenewAheadIfLow(tenantId, lease, window, max);
        return true;
    }

    /// <summary>After a unit was taken: starts the next lease's renewal if this one runs low.</summary>
    private void RenewAheadIfLow(string tenantId, TenantLease lease, TimeSpan window, int max)
    {
        if (!lease.TryBeginRenewal(time.GetUtcNow(), window)) return;
        // Not the request's work: it neither waits for it nor lends it its trace or cancellation.
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => RenewAheadAsync(tenantId, lease, window, max));
    }

    private async Task RenewAheadAsync(string tenantId, TenantLease lease, TimeSpan window, int max)
    {
        var failed = false;
        try
        {
            // A request is refilling the lease itself: what it brings serves, and a later request renews.
            if (!await lease.Refill.WaitAsync(0)) return;
            try
            {
                var size = lease.NextSize(time.GetUtcNow(), window, max);
                // Not cancelled on shutdown: units granted must reach the lease, or they could not go back.
                var grant = await Client().ConsumeAsync(tenantId, (int)size, allowPartial: true, CancellationToken.None);
                if (grant.Refusal is not null)
                {
                    failed = true;
                    return;
                }
                lease.AddAhead(grant.Granted, time.GetUtcNow(), window, grant.ResetAt!.Value);
                LogLeasedAhead(logger, grant.Granted, tenantId);
            }
            finally
            {
                lease.Refill.Release();
            }
        }
        catch (Exception ex)
        {
            failed = true;
            LogRenewalFailed(logger, ex, tenantId);
        }
        finally
        {
            lease.EndRenewal(time.GetUtcNow(), window, failed);
        }
    }

    /// <summary>A unit taken for work that did not happen: a later request spends it, or it goes back to tenancy.</summary>
    public void GiveBack(string tenantId)
    {
        if (_leases.TryGetValue(tenantId, out var lease)) lease.GiveBack(time.GetUtcNow());
    }

    /// <summary>
    /// Gives tenancy back what expired leases left (with <paramref name="all"/>, every unit held,
    /// as on shutdown). A failed return is kept and tried again next time.
    /// </summary>
    public async Task ReturnAsync(bool all, CancellationToken cancellationToken)
    {
        foreach (var (tenantId, lease) in _leases)
        {
            var (units, periodEnd) = all ? await TakeAllAsync(lease, cancellationToken) : lease.TakeOwed(time.GetUtcNow(), all: false);
            if (units == 0) continue;
            try
            {
                await Client().ReleaseAsync(tenantId, (int)units, cancellationToken);
            }
            // Whatever the failure (unreachable, timed out, the breaker open), the units stay owed:
            // a return must never take the service down, only shutdown's own cancellation ends it.
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                lease.Owe(units, periodEnd);
                LogReturnFailed(logger, ex, units, tenantId);
            }
        }
    }

    /// <summary>Everything a lease holds, once a renewal under way has brought its units (they could not go back otherwise).</summary>
    private async Task<(long Units, DateTimeOffset PeriodEnd)> TakeAllAsync(TenantLease lease, CancellationToken cancellationToken)
    {
        await lease.Refill.WaitAsync(cancellationToken);
        try
        {
            return lease.TakeOwed(time.GetUtcNow(), all: true);
        }
        finally
        {
            lease.Refill.Release();
        }
    }

    // A typed client per call: the factory's handlers rotate as they should, which one kept for
    // the singleton's lifetime would prevent.
    private QuotaClient Client() => services.GetRequiredService<QuotaClient>();

    [LoggerMessage(LogLevel.Debug, "Leased {Units} prediction units ahead for tenant {TenantId}")]
    private static partial void LogLeased(ILogger logger, long units, string tenantId);

    [LoggerMessage(LogLevel.Debug, "Leased {Units} prediction units ahead of need for tenant {TenantId}")]
    private static partial void LogLeasedAhead(ILogger logger, long units, string tenantId);

    [LoggerMessage(LogLevel.Warning, "Could not lease prediction units ahead of need for tenant {TenantId}; its next request asks tenancy itself")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(LogLevel.Warning, "Could not give back {Units} unused prediction units of tenant {TenantId}; trying again later")]
    private static partial void LogReturnFailed(ILogger logger, Exception exception, long units, string tenantId);
}
