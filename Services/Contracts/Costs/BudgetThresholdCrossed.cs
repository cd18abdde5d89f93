namespace Platform.Contracts.Costs;

/// <summary>
/// A budget threshold was crossed, published once per threshold per budget period.
/// <paramref name="Kind"/> is <c>actual</c> (spent) or <c>forecasted</c> (projected to the period's end).
/// </summary>
public sealed record BudgetThresholdCrossed(
    string TenantId,
    Guid BudgetId,
    string BudgetName,
    string Kind,
    decimal Percent,
    decimal Spent,
    decimal Forecast,
    decimal Amount,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateTimeOffset CrossedAt) : ITenantMessage;
