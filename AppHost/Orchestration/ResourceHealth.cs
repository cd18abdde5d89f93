namespace Platform.AppHost.Orchestration;

public enum ResourceHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}
