using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Prediction.Scoring.Artifacts;

/// <summary>Everything wrong with an artifact, so a bad one is refused at load with all its reasons named.</summary>
public static partial class ArtifactValidator
{
    public static IReadOnlyList<string> Validate(ModelArtifact artifact)
    {
        var reasons = new List<string>();
        if (artifact.Format != ModelArtifact.CurrentFormat) reasons.Add($"format is '{artifact.Format}', expected '{ModelArtifact.CurrentFormat}'");
        if (!Slug().IsMatch(artifact.Name ?? "")) reasons.Add($"name '{artifact.Name}' is not a lower-case slug");
        if (artifact.Version < 1) reasons.Add($"version {artifact.Version} is below 1");
        if (artifact.Features is not { Count: > 0 })
        {
            reasons.Add("no features");
            return reasons;
        }

        var features = new Dictionary<string, FeatureSpec>(StringComparer.Ordinal);
        foreach (var feature in artifact.Features)
        {
            if (!FeatureName().IsMatch(feature.Name ?? "")) reasons.Add($"feature name '{feature.Name}' must be lower_snake_case");
            else if (!features.TryAdd(feature.Name!, feature)) reasons.Add($"feature '{feature.Name}' appears twice");
            ValidateFeature(feature, reasons);
        }
        ValidatePreprocessing(artifact, features, reasons);
        ValidateCoefficients(artifact, reasons);
        if (!double.IsFinite(artifact.Intercept)) reasons.Add("intercept is not a finite number");

        if (artifact.Thresholds is not { } t) reasons.Add("thresholds are missing");
        else if (!(t.Medium > 0 && t.Medium < t.High && t.High < t.Critical && t.Critical < 1))
            reasons.Add($"thresholds must rise strictly within (0, 1): medium {t.Medium}, high {t.High}, critical {t.Critical}");

        if (artifact.Training is not { } training) reasons.Add("training metadata is missing");
        else
        {
            if (!Sha256().IsMatch(training.DataSha256 ?? "")) reasons.Add("training.dataSha256 must be 64 hex digits");
            if (training.Samples < 1) reasons.Add("training.samples must be positive");
            if (!(training.Auc is >= 0 and <= 1)) reasons.Add($"training.auc {training.Auc} is outside [0, 1]");
            if (!(training.Brier is >= 0 and <= 1)) reasons.Add($"training.brier {training.Brier} is outside [0, 1]");
        }
        return reasons;
    }

    private static void ValidateFeature(FeatureSpec feature, List<string> reasons)
    {
        var name = feature.Name;
        switch (feature.Type)
        {
            case FeatureType.Number:
                if (feature.Min is { } min && feature.Max is { } max && !(min <= max)) reasons.Add($"feature '{name}': min {min} is above max {max}");
                if (feature.Min is { } lo && !double.IsFinite(lo) || feature.Max is { } hi && !double.IsFinite(hi)) reasons.Add($"feature '{name}': min and max must be finite");
                if (feature.Impute is { } impute)
                {
                    if (!double.TryParse(impute, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)) reasons.Add($"feature '{name}': impute '{impute}' is not a number");
                    else if (!feature.InRange(value)) reasons.Add($"feature '{name}': impute {value} is outside its valid range");
                }
                break;
            case FeatureType.Boolean:
                if (feature.Impute is { } flag && flag is not ("0" or "1" or "true" or "false")) reasons.Add($"feature '{name}': impute '{flag}' is not a boolean");
                break;
            case FeatureType.Category:
                if (feature.Categories is not { Count: >= 2 } categories) reasons.Add($"feature '{name}': a category feature needs at least two categories");
                else
                {
                    if (categories.Distinct(StringComparer.Ordinal).Count() != categories.Count) reasons.Add($"feature '{name}': categories repeat");
                    if (feature.Impute is { } category && feature.CategoryIndex(category) < 0) reasons.Add($"feature '{name}': impute '{category}' is not one of its categories");
                }
                break;
            default:
                reasons.Add($"feature '{name}': unknown type {feature.Type}");
                break;
        }
        if (!feature.Required && feature.Impute is null) reasons.Add($"feature '{name}' is optional but has no impute value");
    }

    private static void ValidatePreprocessing(ModelArtifact artifact, Dictionary<string, FeatureSpec> features, List<string> reasons)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in artifact.Preprocessing ?? [])
        {
            if (!features.TryGetValue(step.Feature ?? "", out var feature))
            {
                reasons.Add($"preprocessing names unknown feature '{step.Feature}'");
                continue;
            }
            if (!seen.Add(step.Feature!)) reasons.Add($"feature '{step.Feature}' has more than one preprocessing step");
            switch (step.Kind)
            {
                case PreprocessingStep.Standardise when feature.Type == FeatureType.Category:
                    reasons.Add($"feature '{step.Feature}': a category cannot be standardised");
                    break;
                case PreprocessingStep.Standardise:
                    if (step.Mean is not { } mean || !double.IsFinite(mean)) reasons.Add($"feature '{step.Feature}': standardise needs a finite mean");
                    if (step.StandardDeviation is not { } sd || !double.IsFinite(sd) || sd <= 0) reasons.Add($"feature '{step.Feature}': standardise needs a positive, finite standardDeviation");
                    break;
                case PreprocessingStep.OneHot when feature.Type != FeatureType.Category:
                    reasons.Add($"feature '{step.Feature}': only a category can be one-hot encoded");
                    break;
                case PreprocessingStep.OneHot:
                    break;
                default:
                    reasons.Add($"feature '{step.Feature}': unknown preprocessing kind '{step.Kind}'");
                    break;
            }
        }
        foreach (var feature in features.Values.Where(f => f.Type == FeatureType.Category && !seen.Contains(f.Name)))
            reasons.Add($"feature '{feature.Name}': a category feature needs a one-hot step");
    }

    private static void ValidateCoefficients(ModelArtifact artifact, List<string> reasons)
    {
        var coefficients = artifact.Coefficients ?? new Dictionary<string, double>();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in artifact.Features)
        {
            if (feature.Type == FeatureType.Category) foreach (var category in (feature.Categories ?? []).Skip(1)) expected.Add(feature.Name + "=" + category);
            else expected.Add(feature.Name);
        }
        foreach (var input in expected.Where(e => !coefficients.ContainsKey(e)).Order(StringComparer.Ordinal)) reasons.Add($"no coefficient for '{input}'");
        foreach (var (input, weight) in coefficients)
        {
            if (!expected.Contains(input)) reasons.Add($"coefficient '{input}' matches no feature input");
            else if (!double.IsFinite(weight)) reasons.Add($"coefficient '{input}' is not a finite number");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex FeatureName();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
