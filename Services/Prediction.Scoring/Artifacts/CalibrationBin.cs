namespace Platform.Prediction.Scoring.Artifacts;

/// <summary>Held-out rows whose predicted risk fell in [<see cref="From"/>, <see cref="To"/>): mean prediction against the observed rate.</summary>
public sealed record CalibrationBin(double From, double To, int Count, double MeanPredicted, double Observed);
