namespace Platform.Tenancy.Budgets;

public sealed record BudgetResponse(Guid Id, string Name, string? Category, string Period, decimal Amount, IReadOnlyList<BudgetThreshold> Thresholds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static BudgetResponse From(Budget budget) =>
        new(budget.Id, budget.Name, budget.Category, BudgetPeriods.Name(budget.Period), budget.Amount, budget.Thresholds, budget.CreatedAt, budget.UpdatedAt);
}
