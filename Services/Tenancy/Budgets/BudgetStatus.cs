namespace Platform.Tenancy.Budgets;

/// <summary>A budget's period so far: spent, remaining, percent, forecast (and how), and each threshold's state.</summary>
public sealed record BudgetStatus(
    Guid BudgetId,
    string Name,
    string Period,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    decimal Amount,
    decimal Spent,
    decimal Remaining,
    decimal Percent,
    decimal Forecast,
    string ForecastMethod,
    IReadOnlyList<BudgetThresholdStatus> Thresholds);
