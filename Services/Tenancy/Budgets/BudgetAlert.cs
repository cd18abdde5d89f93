namespace Platform.Tenancy.Budgets;

/// <summary>A threshold crossed in a period; its primary key is what makes the event go out once.</summary>
public sealed class BudgetAlert
{
    public Guid BudgetId { get; set; }

    public DateTimeOffset PeriodStart { get; set; }

    /// <summary><see cref="BudgetThreshold.Key"/>.</summary>
    public required string Threshold { get; set; }

    public decimal Spent { get; set; }

    public DateTimeOffset CrossedAt { get; set; }
}
