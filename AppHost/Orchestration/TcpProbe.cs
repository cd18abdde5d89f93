using Platform.LocalInfra;

namespace Platform.AppHost.Orchestration;

/// <summary>Health of a server the AppHost does not speak to otherwise: does it accept connections?</summary>
internal static class TcpProbe
{
    public static async Task<ResourceHealth> ProbeAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await FreePort.AcceptsAsync(host, port, timeout.Token) ? ResourceHealth.Healthy : ResourceHealth.Unhealthy;
        }
        catch (OperationCanceledException)
        {
            return ResourceHealth.Unhealthy;
        }
    }
}
