using Platform.Tenancy.Costs;

namespace Platform.Tenancy.Budgets;

public static class BudgetValidator
{
    public const decimal MaxAmount = 1_000_000_000m;
    public const int MaxThresholds = 10;

    public static Dictionary<string, string[]> Validate(BudgetRequest request, out BudgetPeriod period)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["Required."];
        else if (request.Name.Length > 200) errors["name"] = ["At most 200 characters."];
        if (!BudgetPeriods.TryParse(request.Period, out period)) errors["period"] = ["Required: monthly, quarterly or annual."];
        if (request.Amount is not { } amount) errors["amount"] = ["Required: USD, more than 0."];
        else if (amount <= 0 || amount > MaxAmount) errors["amount"] = [$"More than 0 and at most {MaxAmount:0}."];
        else if (decimal.Round(amount, 2) != amount) errors["amount"] = ["At most two decimals (cents)."];
        if (request.Category is not null && !CostCategories.All.Contains(request.Category))
            errors["category"] = [$"One of {string.Join(", ", CostCategories.All)}, or absent for all spending."];
        if (request.Thresholds is { } thresholds)
        {
            if (thresholds.Count is 0 or > MaxThresholds) errors["thresholds"] = [$"Between 1 and {MaxThresholds}."];
            else if (thresholds.Any(t => t is null || t.Kind is not (BudgetThreshold.Actual or BudgetThreshold.Forecasted) || t.Percent <= 0 || t.Percent > 1000 || decimal.Round(t.Percent, 2) != t.Percent))
                errors["thresholds"] = ["Each has kind actual or forecasted and a percent above 0, at most 1000, with at most two decimals."];
            else if (thresholds.Select(t => t.Key).Distinct().Count() != thresholds.Count) errors["thresholds"] = ["No threshold twice."];
        }
        return errors;
    }
}
