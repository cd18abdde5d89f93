using Platform.Prediction.Scoring.Artifacts;

namespace Platform.Prediction.Models;

/// <summary>
/// A served model version as clients see it: what to send (features) and how it did in training.
/// <see cref="Active"/>: this version answers requests that name none; <see cref="Degraded"/>: it
/// does so standing in for a newer version that cannot serve.
/// </summary>
public sealed record ModelResponse(
    string Name,
    int Version,
    bool Active,
    bool Degraded,
    string? Description,
    IReadOnlyList<FeatureSpec> Features,
    RiskThresholds Thresholds,
    DateTimeOffset TrainedAt,
    int Samples,
    double Auc,
    double Brier);
