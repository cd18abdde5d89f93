namespace Platform.Prediction.Scoring.Scoring;

/// <summary>Why one input of one row was refused (row 0 for a single prediction).</summary>
public sealed record FeatureError(int Row, string Field, string Message);
