namespace Platform.Prediction.Scoring.Artifacts;

/// <summary>
/// One input of a model. A feature that is not <see cref="Required"/> must say how a missing
/// value is filled in (<see cref="Impute"/>, in the feature's own unit, or a category name).
/// </summary>
public sealed record FeatureSpec
{
    public required string Name { get; init; }

    public required FeatureType Type { get; init; }

    public string? Unit { get; init; }

    public string? Description { get; init; }

    /// <summary>Smallest valid value (numbers only); below it the input is refused, not clipped.</summary>
    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>The values a category feature takes, the first being the one-hot baseline.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    public bool Required { get; init; } = true;

    /// <summary>The value used when the input is absent: a number, 0/1 for booleans, or a category name.</summary>
    public string? Impute { get; init; }

    /// <summary>Within <see cref="Min"/> and <see cref="Max"/> (each open-ended when absent).</summary>
    public bool InRange(double value) => value >= (Min ?? double.NegativeInfinity) && value <= (Max ?? double.PositiveInfinity);

    /// <summary>The position of <paramref name="category"/> in <see cref="Categories"/> (its one-hot index), or −1.</summary>
    public int CategoryIndex(string category)
    {
        var categories = Categories ?? [];
        for (var i = 0; i < categories.Count; i++) if (string.Equals(categories[i], category, StringComparison.Ordinal)) return i;
        return -1;
    }
}
