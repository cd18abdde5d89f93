namespace Platform.Tenancy.Budgets;

public enum BudgetPeriod
{
    Monthly,
    Quarterly,
    Annual,
}
