namespace Platform.Prediction.Models;

/// <summary>
/// How one model name is served right now, for operators: the version it is meant to serve (and
/// whether an operator chose it), the one that actually serves, why they differ, its breaker, and
/// every artifact version found (loaded, or refused with the reasons).
/// </summary>
public sealed record ModelStatus(
    string Name,
    int? IntendedVersion,
    int? ServingVersion,
    bool Degraded,
    string? Reason,
    ModelActivation? Activation,
    string Breaker,
    IReadOnlyList<int> LoadedVersions,
    IReadOnlyList<RejectedArtifact> Refused);
