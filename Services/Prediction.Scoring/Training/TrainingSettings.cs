namespace Platform.Prediction.Scoring.Training;

/// <summary>How a model is trained: penalty, share of rows held out for evaluation, and the shuffle seed (the same seed, the same split).</summary>
public sealed record TrainingSettings(string Name, int Version, double L2 = 1.0, double HoldOut = 0.25, int Seed = 1, string Outcome = "interrupted", string? Description = null);
