namespace Platform.Prediction.Scoring.Scoring;

/// <summary>What one feature added to the logit (positive: raised the risk).</summary>
public sealed record FactorContribution(string Feature, double Contribution);
