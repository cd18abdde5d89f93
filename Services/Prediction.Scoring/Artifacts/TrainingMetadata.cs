namespace Platform.Prediction.Scoring.Artifacts;

/// <summary>How the model was made and how well it did on data it was not fitted on.</summary>
public sealed record TrainingMetadata
{
    /// <summary>SHA-256 of the training file, hex: which data the model came from.</summary>
    public required string DataSha256 { get; init; }

    public required DateTimeOffset TrainedAt { get; init; }

    public required int Samples { get; init; }

    /// <summary>Area under the ROC curve on the held-out rows.</summary>
    public required double Auc { get; init; }

    /// <summary>Mean squared error of the predicted risk on the held-out rows.</summary>
    public required double Brier { get; init; }

    public double? L2 { get; init; }

    public IReadOnlyList<CalibrationBin> Calibration { get; init; } = [];
}
