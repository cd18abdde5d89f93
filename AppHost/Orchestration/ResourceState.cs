namespace Platform.AppHost.Orchestration;

public enum ResourceState
{
    Starting,
    Running,
    Exited,
    FailedToStart,
    Stopped,
}
