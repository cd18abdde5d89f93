namespace Platform.ServiceDefaults.Health;

public static class HealthTags
{
    /// <summary>Checks that say the process itself works (for /alive); a dependency outage must not restart it.</summary>
    public const string Live = "live";

    /// <summary>Checks of dependencies (for /health).</summary>
    public const string Ready = "ready";
}
