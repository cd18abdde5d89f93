namespace Platform.Tenancy.Budgets;

/// <param name="State"><c>Alarm</c> once the threshold was crossed this period, else <c>Ok</c>.</param>
public sealed record BudgetThresholdStatus(string Kind, decimal Percent, string State, DateTimeOffset? CrossedAt);
