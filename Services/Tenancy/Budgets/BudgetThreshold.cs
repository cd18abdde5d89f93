namespace Platform.Tenancy.Budgets;

/// <summary>A percentage of the budget, of what was spent (<c>actual</c>) or of what the run rate projects (<c>forecasted</c>).</summary>
public sealed record BudgetThreshold(string Kind, decimal Percent)
{
    public const string Actual = "actual";
    public const string Forecasted = "forecasted";

    public static readonly IReadOnlyList<BudgetThreshold> Defaults = [new(Actual, 80), new(Actual, 100), new(Forecasted, 100)];

    /// <summary>The key an alert is recorded under, e.g. <c>actual-80</c>.</summary>
    public string Key => $"{Kind}-{Percent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}";
}
