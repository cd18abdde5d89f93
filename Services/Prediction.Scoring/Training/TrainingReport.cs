using Platform.Prediction.Scoring.Artifacts;

namespace Platform.Prediction.Scoring.Training;

/// <summary>A trained artifact and what its fit took.</summary>
public sealed record TrainingReport(ModelArtifact Artifact, int TrainRows, int HeldOutRows, int Iterations);
