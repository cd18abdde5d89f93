using Platform.Prediction.Scoring.Artifacts;

namespace Platform.Prediction.Models;

/// <summary>A served model as clients see it: what to send (features) and how it did in training.</summary>
public sealed record ModelResponse(
    string Name,
    int Version,
    bool Active,
    string? Description,
    IReadOnlyList<FeatureSpec> Features,
    RiskThresholds Thresholds,
    DateTimeOffset TrainedAt,
    int Samples,
    double Auc,
    double Brier);
