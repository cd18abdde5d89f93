using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Costs;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Anomalies;

/// <summary>
/// Judges every tenant's last complete day (yesterday, UTC) on the EWMA chart; a flagged day is
/// stored and <see cref="CostAnomalyDetected"/> goes out through the outbox in the same
/// transaction, once (the day's row is the key, so several instances agree).
/// </summary>
public sealed partial class SpendAnomalyMonitor(IServiceScopeFactory scopes, IOptions<AnomalyOptions> options, TimeProvider time, ILogger<SpendAnomalyMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CheckAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(ex);
            }
            try
            {
                await Task.Delay(options.Value.CheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task CheckAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TenancyDbContext>();
        var from = day.AddDays(-EwmaControlChart.MaximumHistory);
        var tenants = await db.DailyCosts.Where(c => c.Day == day).Select(c => c.TenantId).Distinct().ToListAsync(cancellationToken);
        foreach (var tenantId in tenants)
        {
            if (await db.CostAnomalies.AnyAsync(a => a.TenantId == tenantId && a.Day == day, cancellationToken)) continue;
            var spend = await db.DailyCosts.Where(c => c.TenantId == tenantId && c.Day >= from && c.Day <= day)
                .GroupBy(c => c.Day).Select(g => new { Day = g.Key, Amount = g.Sum(c => c.Amount) }).OrderBy(g => g.Day).ToListAsync(cancellationToken);
            var series = DailySeries.Fill(spend.Select(s => (s.Day, s.Amount)), from, day);
            if (EwmaControlChart.Judge(series.SkipWhile(p => p.Spend == 0).ToList()) is not { IsAnomaly: true } verdict) continue;

            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            var now = time.GetUtcNow();
            db.CostAnomalies.Add(new CostAnomaly { TenantId = tenantId, Day = day, Spend = verdict.Spend, Ewma = verdict.Ewma, ExpectedLow = verdict.Lower, ExpectedHigh = verdict.Upper, DetectedAt = now });
            outbox.Publish(new CostAnomalyDetected(tenantId, day, verdict.Spend, verdict.Ewma, verdict.Lower, verdict.Upper, EwmaControlChart.Method, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogAnomaly(tenantId, day, verdict.Spend, verdict.Lower, verdict.Upper);
            }
            catch (DbUpdateException)
            {
                // Another instance recorded the day first: its event is the one.
                db.ChangeTracker.Clear();
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Spend anomaly for tenant {TenantId} on {Day}: {Spend} outside the expected {Low}–{High}")]
    private partial void LogAnomaly(string tenantId, DateOnly day, decimal spend, decimal low, decimal high);

    [LoggerMessage(LogLevel.Error, "The spend anomaly check failed; it runs again at the next interval")]
    private partial void LogCheckFailed(Exception exception);
}
