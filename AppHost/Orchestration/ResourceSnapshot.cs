namespace Platform.AppHost.Orchestration;

/// <summary>What <c>GET /api/resources</c> returns for one resource.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Kind,
    ResourceState State,
    ResourceHealth Health,
    IReadOnlyList<string> Endpoints,
    int? Pid,
    int Restarts,
    string? LastError,
    DateTimeOffset? StartedAt,
    bool CanControl);
