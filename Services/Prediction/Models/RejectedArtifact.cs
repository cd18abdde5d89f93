namespace Platform.Prediction.Models;

/// <summary>An artifact file the service refused to serve, and why.</summary>
public sealed record RejectedArtifact(string File, IReadOnlyList<string> Reasons);
