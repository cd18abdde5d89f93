namespace Platform.Tenancy.Quotas;

/// <summary>Quotas reset at the start of each calendar month, UTC.</summary>
public static class QuotaPeriod
{
    public static DateTimeOffset StartOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset EndOf(DateTimeOffset at) => StartOf(at).AddMonths(1);
}
