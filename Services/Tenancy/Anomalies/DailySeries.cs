namespace Platform.Tenancy.Anomalies;

/// <summary>A day-by-day series with the days without costs as zero, so the chart sees quiet days too.</summary>
public static class DailySeries
{
    public static List<(DateOnly Day, decimal Spend)> Fill(IEnumerable<(DateOnly Day, decimal Spend)> days, DateOnly from, DateOnly to)
    {
        var known = days.ToDictionary(d => d.Day, d => d.Spend);
        var series = new List<(DateOnly, decimal)>();
        for (var day = from; day <= to; day = day.AddDays(1)) series.Add((day, known.GetValueOrDefault(day)));
        return series;
    }
}
