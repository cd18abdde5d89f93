namespace Platform.Tenancy.Budgets;

/// <summary>
/// Linear run-rate projection: what was spent since the period began, per unit of elapsed time,
/// carried to the period's end. Early in a period (under an hour) it projects what was spent.
/// </summary>
public static class RunRate
{
    public const string Method = "linear-run-rate";

    public static decimal Project(decimal spent, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var elapsed = (decimal)(now - start).TotalSeconds;
        var total = (decimal)(end - start).TotalSeconds;
        if (elapsed < 3600m) return spent;
        if (elapsed >= total) return spent;
        return decimal.Round(spent * total / elapsed, 6);
    }
}
