namespace Platform.Prediction.Scoring.Training;

/// <summary>A fitted logistic regression on the inputs it was given (standardised, if they were).</summary>
public sealed record LogisticFit(double Intercept, IReadOnlyList<double> Coefficients, int Iterations, bool Converged);
