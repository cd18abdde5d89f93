namespace Platform.Prediction.Scoring.Scoring;

/// <summary>
/// A score taken apart: <see cref="Baseline"/> (the intercept: the logit of a patient at the
/// training means, in the baseline categories) plus every factor's contribution is
/// <see cref="Logit"/>. A standardised feature contributes coefficient × (value − mean) / sd.
/// </summary>
public sealed record Explanation(double Logit, double Baseline, IReadOnlyList<FactorContribution> Factors)
{
    /// <summary>The <paramref name="count"/> factors that moved the score most, either way.</summary>
    public IReadOnlyList<FactorContribution> Top(int count) =>
        [.. Factors.OrderByDescending(f => Math.Abs(f.Contribution)).ThenBy(f => f.Feature, StringComparer.Ordinal).Take(count)];
}
