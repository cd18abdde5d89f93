namespace Platform.Prediction.Scoring.Artifacts;

/// <summary>
/// <c>standardise</c>: (value − <see cref="Mean"/>) / <see cref="StandardDeviation"/>, with the
/// training data's statistics; <c>one-hot</c>: a category feature becomes one 0/1 input per
/// category after the first.
/// </summary>
public sealed record PreprocessingStep
{
    public const string Standardise = "standardise";
    public const string OneHot = "one-hot";

    public required string Feature { get; init; }

    public required string Kind { get; init; }

    public double? Mean { get; init; }

    public double? StandardDeviation { get; init; }
}
