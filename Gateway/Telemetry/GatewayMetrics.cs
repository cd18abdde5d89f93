using System.Diagnostics.Metrics;

namespace Platform.Gateway.Telemetry;

/// <summary>
/// The gateway's own instruments (meter <c>Platform.Gateway</c>). Request counts and latency come
/// from ASP.NET Core's <c>http.server.request.duration</c>; these count the gateway's decisions.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Platform.Gateway";

    private readonly Counter<long> _insecureRequests;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _insecureRequests = meter.CreateCounter<long>("platform.gateway.https.insecure_requests",
            description: "Plain-HTTP requests answered with a redirect to HTTPS or refused (strict mode).");
    }

    public void InsecureRequest(bool redirected) =>
        _insecureRequests.Add(1, new KeyValuePair<string, object?>("outcome", redirected ? "redirected" : "refused"));
}
