using Platform.Tenancy.Common;

namespace Platform.Tenancy.Budgets;

/// <summary>Calendar periods in UTC: the month, the quarter (Jan, Apr, Jul, Oct) or the year that contains an instant.</summary>
public static class BudgetPeriods
{
    public static (DateTimeOffset Start, DateTimeOffset End) Containing(BudgetPeriod period, DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var start = period switch
        {
            BudgetPeriod.Monthly => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            BudgetPeriod.Quarterly => new DateTimeOffset(utc.Year, (utc.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero),
            _ => new DateTimeOffset(utc.Year, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var end = period switch
        {
            BudgetPeriod.Monthly => start.AddMonths(1),
            BudgetPeriod.Quarterly => start.AddMonths(3),
            _ => start.AddYears(1),
        };
        return (start, end);
    }

    public static string Name(BudgetPeriod period) => LowerCaseNames.Of(period);

    public static bool TryParse(string? value, out BudgetPeriod period) => LowerCaseNames.TryParse(value, out period);
}
