using System.Globalization;
using System.Text.Json;
using Platform.Prediction.Scoring.Artifacts;

namespace Platform.Prediction.Scoring.Scoring;

/// <summary>
/// Reads one row of features, a JSON object of name → value, into a <see cref="FeatureMatrix"/>
/// row in the model's feature order, applying the artifact's imputation for absent optional
/// features. Anything it cannot use exactly (unknown names, wrong types, values outside the
/// valid range, NaN or Infinity spelled as strings) is an error naming the row and field; values
/// are never clipped or guessed.
/// </summary>
public sealed class FeatureRowReader(RiskModel model)
{
    private readonly Dictionary<string, int> _index = model.Features.Select((f, i) => (f.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);

    /// <summary>
    /// Every element of <paramref name="features"/> as one row of a new matrix for this reader's
    /// model, or null when any of them does not fit it (the errors are not wanted: the caller has
    /// already checked the same input against another model).
    /// </summary>
    public FeatureMatrix? TryReadAll(IReadOnlyList<JsonElement> features)
    {
        var matrix = new FeatureMatrix(features.Count, model.Features.Count);
        var errors = new List<FeatureError>();
        for (var row = 0; row < features.Count; row++)
            if (!TryRead(features[row], row, matrix, row, errors)) return null;
        return matrix;
    }

    /// <summary>Fills row <paramref name="row"/> of <paramref name="into"/>; false when any error was added.</summary>
    public bool TryRead(JsonElement features, int row, FeatureMatrix into, int errorRow, List<FeatureError> errors)
    {
        var before = errors.Count;
        if (features.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FeatureError(errorRow, "features", "must be an object of feature name to value"));
            return false;
        }
        var seen = new bool[model.Features.Count];
        foreach (var property in features.EnumerateObject())
        {
            if (!_index.TryGetValue(property.Name, out var f))
            {
                errors.Add(new FeatureError(errorRow, property.Name, "is not a feature of model " + model.Name));
                continue;
            }
            if (seen[f])
            {
                errors.Add(new FeatureError(errorRow, property.Name, "appears twice"));
                continue;
            }
            seen[f] = true;
            var spec = model.Features[f];
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                seen[f] = false;
                continue;
            }
            if (Parse(spec, property.Value, out var value, out var problem)) into[row, f] = value;
            else errors.Add(new FeatureError(errorRow, property.Name, problem));
        }
        for (var f = 0; f < seen.Length; f++)
        {
            if (seen[f]) continue;
            var spec = model.Features[f];
            if (spec.Impute is { } impute) into[row, f] = Imputed(spec, impute);
            else errors.Add(new FeatureError(errorRow, spec.Name, "is required"));
        }
        return errors.Count == before;
    }

    private static bool Parse(FeatureSpec spec, JsonElement element, out double value, out string problem)
    {
        value = 0;
        problem = "";
        switch (spec.Type)
        {
            case FeatureType.Number:
                // Strings are refused too: "NaN" and "Infinity" must never reach the model.
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out value) || !double.IsFinite(value))
                {
                    problem = "must be a finite number" + (spec.Unit is { } unit ? $" ({unit})" : "");
                    return false;
                }
                if (!spec.InRange(value))
                {
                    problem = string.Create(CultureInfo.InvariantCulture, $"must be between {spec.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {spec.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}");
                    return false;
                }
                return true;
            case FeatureType.Boolean:
                if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    value = element.ValueKind == JsonValueKind.True ? 1 : 0;
                    return true;
                }
                problem = "must be true or false";
                return false;
            default:
                var index = element.ValueKind == JsonValueKind.String ? spec.CategoryIndex(element.GetString()!) : -1;
                if (index < 0)
                {
                    problem = "must be one of " + string.Join(", ", spec.Categories!);
                    return false;
                }
                value = index;
                return true;
        }
    }

    private static double Imputed(FeatureSpec spec, string impute) => spec.Type switch
    {
        FeatureType.Number => double.Parse(impute, NumberStyles.Float, CultureInfo.InvariantCulture),
        FeatureType.Boolean => impute is "1" or "true" ? 1 : 0,
        _ => spec.CategoryIndex(impute),
    };
}
