namespace Platform.Prediction.Scoring.Artifacts;

/// <summary>Where each risk level starts (a risk at or above it); below <see cref="Medium"/> is Low.</summary>
public sealed record RiskThresholds(double Medium, double High, double Critical);
