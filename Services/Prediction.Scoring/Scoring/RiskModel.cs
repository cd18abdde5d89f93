using System.Numerics.Tensors;
using Platform.Prediction.Scoring.Artifacts;

namespace Platform.Prediction.Scoring.Scoring;

/// <summary>
/// A validated artifact folded into what scoring needs: per numeric feature one slope and one
/// offset (coefficient and standardisation combined), per category feature one contribution per
/// category. Immutable and thread-safe; scoring a batch is a few SIMD passes down its columns.
/// </summary>
public sealed class RiskModel
{
    private readonly double[] _slopes;
    private readonly double[] _offsets;
    private readonly double[]?[] _categoryContributions;
    private readonly double _bias;

    private RiskModel(ModelArtifact artifact, double[] slopes, double[] offsets, double[]?[] categoryContributions)
    {
        Artifact = artifact;
        _slopes = slopes;
        _offsets = offsets;
        _categoryContributions = categoryContributions;
        _bias = artifact.Intercept + offsets.Sum();
    }

    public ModelArtifact Artifact { get; }

    public string Name => Artifact.Name;

    public int Version => Artifact.Version;

    public IReadOnlyList<FeatureSpec> Features => Artifact.Features;

    /// <summary>Validates <paramref name="artifact"/> (every problem at once) and prepares it for scoring.</summary>
    public static RiskModel Compile(ModelArtifact artifact)
    {
        var reasons = ArtifactValidator.Validate(artifact);
        if (reasons.Count > 0) throw new InvalidArtifactException($"{artifact.Name} v{artifact.Version}", reasons);

        var count = artifact.Features.Count;
        var slopes = new double[count];
        var offsets = new double[count];
        var categories = new double[]?[count];
        for (var f = 0; f < count; f++)
        {
            var feature = artifact.Features[f];
            if (feature.Type == FeatureType.Category)
            {
                // The baseline category contributes nothing; each other one its coefficient.
                categories[f] = [.. feature.Categories!.Select((c, i) => i == 0 ? 0 : artifact.Coefficients[feature.Name + "=" + c])];
                continue;
            }
            var weight = artifact.Coefficients[feature.Name];
            var standardise = artifact.Preprocessing.FirstOrDefault(p => p.Feature == feature.Name && p.Kind == PreprocessingStep.Standardise);
            var (mean, sd) = standardise is null ? (0d, 1d) : (standardise.Mean!.Value, standardise.StandardDeviation!.Value);
            slopes[f] = weight / sd;
            offsets[f] = -weight * mean / sd;
        }
        return new RiskModel(artifact, slopes, offsets, categories);
    }

    /// <summary>
    /// Whether <paramref name="other"/> reads input exactly as this model does (the same features
    /// in the same order, with the same types, ranges, categories and imputation), so that rows
    /// read for one can be scored by the other.
    /// </summary>
    public bool ReadsLike(RiskModel other) =>
        Features.Count == other.Features.Count && Features.Zip(other.Features).All(pair => SameInput(pair.First, pair.Second));

    private static bool SameInput(FeatureSpec a, FeatureSpec b) =>
        a.Name == b.Name && a.Type == b.Type && a.Min == b.Min && a.Max == b.Max && a.Required == b.Required && a.Impute == b.Impute
        && (a.Categories ?? []).SequenceEqual(b.Categories ?? [], StringComparer.Ordinal);

    /// <summary>Risks (0–1) of every row of <paramref name="rows"/> into <paramref name="risks"/>.</summary>
    public void Score(FeatureMatrix rows, Span<double> risks)
    {
        Logits(rows, risks);
        TensorPrimitives.Sigmoid(risks[..rows.Rows], risks[..rows.Rows]);
    }

    /// <summary>The logit of every row of <paramref name="rows"/> into <paramref name="logits"/> (its risk before the sigmoid).</summary>
    public void Logits(FeatureMatrix rows, Span<double> logits)
    {
        if (rows.Features != _slopes.Length) throw new ArgumentException($"expected {_slopes.Length} features, got {rows.Features}", nameof(rows));
        if (logits.Length < rows.Rows) throw new ArgumentException("the output is shorter than the batch", nameof(logits));
        logits = logits[..rows.Rows];
        logits.Fill(_bias);
        for (var f = 0; f < _slopes.Length; f++)
        {
            var column = rows.Column(f);
            if (_categoryContributions[f] is { } table)
            {
                for (var r = 0; r < column.Length; r++) logits[r] += table[(int)column[r]];
            }
            else
            {
                TensorPrimitives.MultiplyAdd(column, _slopes[f], logits, logits);
            }
        }
    }

    /// <summary>One row's score, taken apart per feature.</summary>
    public Explanation Explain(FeatureMatrix rows, int row)
    {
        var factors = new FactorContribution[_slopes.Length];
        var logit = Artifact.Intercept;
        for (var f = 0; f < _slopes.Length; f++)
        {
            var value = rows[row, f];
            var contribution = _categoryContributions[f] is { } table ? table[(int)value] : _slopes[f] * value + _offsets[f];
            factors[f] = new FactorContribution(Artifact.Features[f].Name, contribution);
            logit += contribution;
        }
        return new Explanation(logit, Artifact.Intercept, factors);
    }

    public RiskLevel LevelOf(double risk)
    {
        var t = Artifact.Thresholds;
        return risk >= t.Critical ? RiskLevel.Critical : risk >= t.High ? RiskLevel.High : risk >= t.Medium ? RiskLevel.Medium : RiskLevel.Low;
    }

    public static double Sigmoid(double logit) => 1 / (1 + Math.Exp(-logit));
}
