namespace Platform.Prediction.Scoring.Artifacts;

/// <summary>An artifact that cannot be served, with every reason found (not just the first).</summary>
public sealed class InvalidArtifactException(string model, IReadOnlyList<string> reasons)
    : Exception($"model artifact {model} is invalid: {string.Join("; ", reasons)}")
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}
