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
}
