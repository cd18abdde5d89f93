namespace Platform.Prediction.Scoring.Training;

/// <summary>
/// SYNTHETIC patients, not real data: a seeded generator of plausible treatment histories and an
/// outcome drawn from a known logistic model, so a fit can be checked against the truth it came
/// from. Features (raw units): age (years, normal 38 ± 11 in 18–90), months on treatment
/// (exponential, mean 30, ≤ 240), missed appointments in the last 6 months (Poisson 1.2, ≤ 20),
/// last viral load (log10 copies/mL, normal 2.5 ± 1.2 in 1.3–7), adherence (%, 100 minus an
/// exponential of mean 10, ≥ 0), distance to clinic (km, log-normal around 7.4, ≤ 300), recent
/// hospitalisation (8 %). Interruption risk = sigmoid(<see cref="TrueIntercept"/> + Σ
/// <see cref="TrueCoefficients"/> × raw value).
/// </summary>
public sealed class SyntheticCohort(int seed)
{
    public static readonly IReadOnlyList<string> FeatureNames =
        ["age", "months_on_treatment", "missed_appointments_6m", "last_viral_load_log10", "adherence_pct", "distance_km", "recent_hospitalisation"];

    /// <summary>Per raw unit, in <see cref="FeatureNames"/> order: younger, newer, missing visits, high load, poor adherence, far away, recently admitted → riskier.</summary>
    public static readonly IReadOnlyList<double> TrueCoefficients = [-0.03, -0.012, 0.45, 0.35, -0.04, 0.015, 0.9];

    public const double TrueIntercept = 2.1;

    private readonly Random _random = new(seed);

    /// <summary><paramref name="count"/> patients: their raw features, the true risk and the drawn outcome.</summary>
    public (double[][] Features, double[] TrueRisks, int[] Outcomes) Generate(int count)
    {
        var features = new double[count][];
        var risks = new double[count];
        var outcomes = new int[count];
        for (var i = 0; i < count; i++)
        {
            double[] row =
            [
                Math.Round(Math.Clamp(Normal(38, 11), 18, 90)),
                Math.Round(Math.Min(Exponential(30), 240)),
                Math.Min(Poisson(1.2), 20),
                Math.Round(Math.Clamp(Normal(2.5, 1.2), 1.3, 7), 2),
                Math.Round(Math.Max(100 - Exponential(10), 0), 1),
                Math.Round(Math.Min(Math.Exp(Normal(2, 0.8)), 300), 1),
                _random.NextDouble() < 0.08 ? 1 : 0,
            ];
            var logit = TrueIntercept;
            for (var j = 0; j < row.Length; j++) logit += TrueCoefficients[j] * row[j];
            features[i] = row;
            risks[i] = 1 / (1 + Math.Exp(-logit));
            outcomes[i] = _random.NextDouble() < risks[i] ? 1 : 0;
        }
        return (features, risks, outcomes);
    }

    /// <summary>
    /// <paramref name="count"/> patients as CSV: a header of <see cref="FeatureNames"/> plus <c>interrupted</c>, one row each.
    /// </summary>
    public void WriteCsv(TextWriter output, int count)
    {
        var (features, _, outcomes) = Generate(count);
        output.WriteLine(string.Join(',', FeatureNames.Append("interrupted")));
        for (var i = 0; i < count; i++)
            output.WriteLine(string.Join(',', features[i].Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(outcomes[i].ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    private double Normal(double mean, double sd)
    {
        // Box–Muller; 1 − U keeps the logarithm finite.
        var u = 1 - _random.NextDouble();
        var v = _random.NextDouble();
        return mean + sd * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    private double Exponential(double mean) => -mean * Math.Log(1 - _random.NextDouble());

    private int Poisson(double mean)
    {
        // Knuth's product of uniforms: fine for small means.
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = _random.NextDouble(); p > limit; p *= _random.NextDouble()) k++;
        return k;
    }
}
