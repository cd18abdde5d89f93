using Platform.Prediction.Scoring.Artifacts;

namespace Platform.Prediction.Outcomes;

/// <summary>
/// How one model version did on the predictions whose outcome was reported: discrimination (AUC,
/// null until both outcomes occur), Brier score, calibration, and the same measures from its
/// training for comparison: a live AUC well below the trained one, or an observed rate apart from
/// the mean predicted risk, is concept drift.
/// </summary>
public sealed record VersionAccuracy(
    string Model,
    int ModelVersion,
    int Outcomes,
    int Interrupted,
    double ObservedRate,
    double MeanPredicted,
    double? Auc,
    double Brier,
    double? TrainingAuc,
    double? TrainingBrier,
    IReadOnlyList<CalibrationBin> Calibration);
