using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Models;

/// <summary>Risks of every row of <see cref="Rows"/> as scored by <see cref="Model"/>; <see cref="Degraded"/> when that model stood in for the intended one.</summary>
public sealed record ScoredRows(RiskModel Model, FeatureMatrix Rows, double[] Risks, bool Degraded);
