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
    private readonly Counter<long> _rateLimitDecisions;
    private readonly Counter<long> _redisFailures;
    private readonly Counter<long> _floodBlocks;
    private readonly Counter<long> _abuseFlags;
    private readonly Counter<long> _idempotency;
    private readonly Counter<long> _usagePublished;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _insecureRequests = meter.CreateCounter<long>("platform.gateway.https.insecure_requests",
            description: "Plain-HTTP requests answered with a redirect to HTTPS or refused (strict mode).");
        _rateLimitDecisions = meter.CreateCounter<long>("platform.gateway.rate_limit.decisions",
            description: "Rate-limit checks by decision (allowed, rejected, failed-open, failed-closed) and route group.");
        _redisFailures = meter.CreateCounter<long>("platform.gateway.redis.failures",
            description: "Redis calls that failed (unreachable, timed out), by the feature that made them.");
        _floodBlocks = meter.CreateCounter<long>("platform.gateway.flood_guard.blocks",
            description: "Client addresses blocked for sending too many unattributed requests.");
        _abuseFlags = meter.CreateCounter<long>("platform.gateway.abuse.flags",
            description: "API keys flagged for too many rejected requests.");
        _idempotency = meter.CreateCounter<long>("platform.gateway.idempotency.requests",
            description: "Requests with an Idempotency-Key by outcome (processed, replayed, conflict, mismatch, released, unavailable).");
        _usagePublished = meter.CreateCounter<long>("platform.gateway.usage.published_calls",
            description: "API calls reported to tenancy as ApiCallsRecorded.");
    }

    public void InsecureRequest(bool redirected) =>
        _insecureRequests.Add(1, new KeyValuePair<string, object?>("outcome", redirected ? "redirected" : "refused"));

    public void RateLimitDecision(string decision, string group) =>
        _rateLimitDecisions.Add(1, new KeyValuePair<string, object?>("decision", decision), new KeyValuePair<string, object?>("group", group));

    public void RedisFailure(string feature) => _redisFailures.Add(1, new KeyValuePair<string, object?>("feature", feature));

    public void FloodBlock() => _floodBlocks.Add(1);

    public void AbuseFlag() => _abuseFlags.Add(1);

    public void Idempotency(string outcome) => _idempotency.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void UsagePublished(long calls) => _usagePublished.Add(calls);
}
