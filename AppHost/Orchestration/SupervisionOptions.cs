namespace Platform.AppHost.Orchestration;

/// <summary>Restart policy for the processes the AppHost owns.</summary>
public sealed record SupervisionOptions
{
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Uptime after which a crash counts as new rather than part of a crash loop.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Consecutive launches that never got running before the resource is FailedToStart.</summary>
    public int MaxFailedStarts { get; init; } = 3;
}
