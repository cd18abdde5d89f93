namespace Platform.Tenancy.Budgets;

/// <param name="Category">A cost category, or null for all spending.</param>
/// <param name="Thresholds">Null: actual 80 %, actual 100 %, forecasted 100 %.</param>
public sealed record BudgetRequest(string? Name, string? Period, decimal? Amount, string? Category = null, List<BudgetThreshold>? Thresholds = null);
