using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Costs;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Budgets;

/// <summary>
/// Checks a tenant's budgets after a cost: each threshold newly reached this period gets an alert
/// row (its key is budget, period and threshold) and a <see cref="BudgetThresholdCrossed"/> in the
/// outbox, both in the caller's transaction. Runs under the caller's per-tenant lock.
/// </summary>
public sealed class BudgetEvaluator(TenancyDbContext db, IOutbox outbox, TimeProvider time)
{
    /// <summary>The tenant's budgets a cost of <paramref name="category"/> counts towards (those of every category too).</summary>
    public Task<List<Budget>> CoveringAsync(string tenantId, string category, CancellationToken cancellationToken) =>
        db.Budgets.AsNoTracking()
            .Where(b => b.TenantId == tenantId && (b.Category == null || b.Category == category))
            .ToListAsync(cancellationToken);

    public async Task EvaluateAsync(string tenantId, IReadOnlyList<Budget> budgets, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var budget in budgets)
        {
            var spend = await BudgetSpend.OfAsync(db, budget, now, cancellationToken);
            var fired = await db.BudgetAlerts.Where(a => a.BudgetId == budget.Id && a.PeriodStart == spend.PeriodStart)
                .Select(a => a.Threshold).ToListAsync(cancellationToken);
            foreach (var threshold in budget.Thresholds)
            {
                if (fired.Contains(threshold.Key)) continue;
                var measured = threshold.Kind == BudgetThreshold.Forecasted ? spend.Forecast : spend.Spent;
                if (measured * 100m < threshold.Percent * budget.Amount) continue;
                db.BudgetAlerts.Add(new BudgetAlert { BudgetId = budget.Id, PeriodStart = spend.PeriodStart, Threshold = threshold.Key, Spent = spend.Spent, CrossedAt = now });
                outbox.Publish(new BudgetThresholdCrossed(tenantId, budget.Id, budget.Name, threshold.Kind, threshold.Percent,
                    spend.Spent, spend.Forecast, budget.Amount, spend.PeriodStart, spend.PeriodEnd, now));
            }
        }
    }
}
