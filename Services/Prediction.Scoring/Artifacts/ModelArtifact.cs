namespace Platform.Prediction.Scoring.Artifacts;

/// <summary>
/// A trained risk model as it is stored and shipped (format <see cref="CurrentFormat"/>): what
/// it reads, how inputs are prepared, its weights, where its risk levels start, and how it was
/// trained. A logistic regression: risk = sigmoid(intercept + Σ coefficient × prepared input).
/// </summary>
public sealed record ModelArtifact
{
    public const string CurrentFormat = "platform.risk-model/1";

    public required string Format { get; init; }

    /// <summary>The tenant-visible model name, e.g. <c>iit-risk</c>.</summary>
    public required string Name { get; init; }

    public required int Version { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<FeatureSpec> Features { get; init; }

    /// <summary>Transformations applied to features before weighting; a feature without one is used as it is.</summary>
    public IReadOnlyList<PreprocessingStep> Preprocessing { get; init; } = [];

    /// <summary>
    /// One weight per model input: a numeric or boolean feature by its name, one category of a
    /// one-hot encoded feature as <c>feature=category</c> (the first category is the baseline and has none).
    /// </summary>
    public required IReadOnlyDictionary<string, double> Coefficients { get; init; }

    public required double Intercept { get; init; }

    public required RiskThresholds Thresholds { get; init; }

    public required TrainingMetadata Training { get; init; }
}
