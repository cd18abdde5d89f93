namespace Platform.Tenancy.Anomalies;

/// <summary>
/// An EWMA control chart (λ = 0.3, limits ± 3σ). For a day, the baseline is the days before it
/// (at least <see cref="MinimumHistory"/>, at most <see cref="MaximumHistory"/>): its mean μ and
/// standard deviation σ. The statistic z starts at μ and follows z = λx + (1 − λ)z over the
/// baseline and then the day; the day is anomalous when z leaves
/// μ ± L·σ·√(λ/(2 − λ)·(1 − (1 − λ)^(2n))), n the number of points folded in.
/// A perfectly flat baseline gets σ = 1 % of μ (at least one cent) so that rounding is no anomaly.
/// </summary>
public static class EwmaControlChart
{
    public const double Lambda = 0.3;
    public const double Width = 3.0;
    public const int MinimumHistory = 7;
    public const int MaximumHistory = 30;
    public const string Method = "ewma(lambda=0.3, limits=3 sigma)";

    /// <summary>The verdict on the last day of <paramref name="series"/> (days in order, one value each), or null without enough history.</summary>
    public static EwmaVerdict? Judge(IReadOnlyList<(DateOnly Day, decimal Spend)> series)
    {
        if (series.Count < MinimumHistory + 1) return null;
        var history = series.Skip(Math.Max(0, series.Count - 1 - MaximumHistory)).Take(Math.Min(series.Count - 1, MaximumHistory)).Select(p => (double)p.Spend).ToList();
        var mean = history.Average();
        var sigma = Math.Sqrt(history.Sum(x => (x - mean) * (x - mean)) / (history.Count - 1));
        sigma = Math.Max(sigma, Math.Max(0.01 * Math.Abs(mean), 0.01));

        var z = mean;
        foreach (var x in history) z = Lambda * x + (1 - Lambda) * z;
        var (day, spend) = series[^1];
        z = Lambda * (double)spend + (1 - Lambda) * z;
        var n = history.Count + 1;
        var half = Width * sigma * Math.Sqrt(Lambda / (2 - Lambda) * (1 - Math.Pow(1 - Lambda, 2 * n)));
        var (lower, upper) = (mean - half, mean + half);
        return new EwmaVerdict(day, spend, Money(z), Money(lower), Money(upper), z > upper || z < lower);
    }

    /// <summary>Judges every day that has enough history before it.</summary>
    public static IEnumerable<EwmaVerdict> JudgeAll(IReadOnlyList<(DateOnly Day, decimal Spend)> series)
    {
        for (var end = MinimumHistory + 1; end <= series.Count; end++)
            if (Judge([.. series.Take(end)]) is { } verdict) yield return verdict;
    }

    private static decimal Money(double value) => decimal.Round((decimal)value, 4);
}
