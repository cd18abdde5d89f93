using Platform.Tenancy.Budgets;

namespace Platform.Tenancy.Quotas;

/// <summary>Quotas reset at the start of each calendar month, UTC: the monthly budget period.</summary>
public static class QuotaPeriod
{
    public static DateTimeOffset StartOf(DateTimeOffset at) => BudgetPeriods.Containing(BudgetPeriod.Monthly, at).Start;

    public static DateTimeOffset EndOf(DateTimeOffset at) => BudgetPeriods.Containing(BudgetPeriod.Monthly, at).End;
}
