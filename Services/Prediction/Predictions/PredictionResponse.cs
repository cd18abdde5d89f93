using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Predictions;

/// <summary>
/// A scored patient: risk 0–1, its level, the model that scored it, and every feature's contribution
/// to the logit, largest first: <see cref="Baseline"/> plus all of them is <see cref="Logit"/>.
/// </summary>
public sealed record PredictionResponse(
    Guid Id,
    string PatientId,
    double Risk,
    RiskLevel Level,
    string Model,
    int ModelVersion,
    bool Degraded,
    double Logit,
    double Baseline,
    IReadOnlyList<FactorContribution> Factors,
    DateTimeOffset CreatedAt);
