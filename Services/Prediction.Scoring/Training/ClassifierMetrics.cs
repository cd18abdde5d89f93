using Platform.Prediction.Scoring.Artifacts;

namespace Platform.Prediction.Scoring.Training;

/// <summary>How well predicted risks separate and match observed outcomes.</summary>
public static class ClassifierMetrics
{
    /// <summary>
    /// Area under the ROC curve: the chance that a random positive is ranked above a random
    /// negative (ties count half), from the rank sum (Mann–Whitney U) in O(n log n).
    /// </summary>
    public static double Auc(IReadOnlyList<double> risks, IReadOnlyList<int> outcomes)
    {
        var order = Enumerable.Range(0, risks.Count).OrderBy(i => risks[i]).ToArray();
        double positives = outcomes.Count(o => o == 1), negatives = outcomes.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        var rankSum = 0d;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && risks[order[end + 1]] == risks[order[start]]) end++;
            var rank = (start + end) / 2d + 1; // tied values share their mean rank
            for (var i = start; i <= end; i++) if (outcomes[order[i]] == 1) rankSum += rank;
            start = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    public static double Brier(IReadOnlyList<double> risks, IReadOnlyList<int> outcomes) =>
        Enumerable.Range(0, risks.Count).Average(i => Math.Pow(risks[i] - outcomes[i], 2));

    /// <summary><paramref name="bins"/> equal-width bins of predicted risk, empty ones left out.</summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<double> risks, IReadOnlyList<int> outcomes, int bins = 10) =>
        [.. Enumerable.Range(0, risks.Count)
            .GroupBy(i => Math.Min(bins - 1, (int)(risks[i] * bins)))
            .OrderBy(g => g.Key)
            .Select(g => new CalibrationBin((double)g.Key / bins, (double)(g.Key + 1) / bins, g.Count(), g.Average(i => risks[i]), g.Average(i => (double)outcomes[i])))];
}
