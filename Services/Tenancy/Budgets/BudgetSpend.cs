using Microsoft.EntityFrameworkCore;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Budgets;

/// <summary>What a budget's period has spent so far and where the run rate takes it by the period's end.</summary>
public sealed record BudgetSpend(DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, decimal Spent, decimal Forecast)
{
    public static async Task<BudgetSpend> OfAsync(TenancyDbContext db, Budget budget, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (start, end) = BudgetPeriods.Containing(budget.Period, now);
        var (from, to) = (DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(end.UtcDateTime));
        var costs = db.DailyCosts.Where(c => c.TenantId == budget.TenantId && c.Day >= from && c.Day < to);
        if (budget.Category is { } category) costs = costs.Where(c => c.Category == category);
        var spent = await costs.SumAsync(c => (decimal?)c.Amount, cancellationToken) ?? 0m;
        return new BudgetSpend(start, end, spent, RunRate.Project(spent, start, end, now));
    }
}
