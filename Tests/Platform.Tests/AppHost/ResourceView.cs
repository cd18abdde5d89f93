namespace Platform.Tests.AppHost;

/// <summary>One entry of the AppHost's <c>GET /api/resources</c>.</summary>
public sealed record ResourceView(
    string Name,
    string Kind,
    string State,
    string Health,
    string[] Endpoints,
    int? Pid,
    int Restarts,
    string? LastError);
