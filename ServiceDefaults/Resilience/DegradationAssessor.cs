using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Polly.CircuitBreaker;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// Derives the service's degradation level from its health checks and breakers, the worst of:
/// a degraded check or a half-open breaker → Minor; one open (or isolated) breaker → Moderate;
/// one unhealthy check or two open breakers → Severe; two unhealthy checks, or every breaker
/// open → Critical. An operator's override wins until it is cleared.
/// </summary>
public sealed class DegradationAssessor(
    HealthCheckService health,
    CircuitBreakerRegistry breakers,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider time)
{
    private DegradationOverride? _override;

    public string Service { get; } = configuration["OTEL_SERVICE_NAME"] ?? environment.ApplicationName;

    public DegradationOverride? Override => Volatile.Read(ref _override);

    public void SetOverride(DegradationLevel level, string reason) =>
        Volatile.Write(ref _override, new DegradationOverride(level, reason, time.GetUtcNow()));

    public void ClearOverride() => Volatile.Write(ref _override, null);

    public async Task<DegradationReport> AssessAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var reasons = new List<string>();
        var level = DegradationLevel.Normal;
        void Raise(DegradationLevel to, string reason)
        {
            reasons.Add(reason);
            if (to > level) level = to;
        }

        var unhealthy = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => e.Key).ToList();
        foreach (var check in report.Entries.Where(e => e.Value.Status == HealthStatus.Degraded)) Raise(DegradationLevel.Minor, $"health check '{check.Key}' degraded");
        foreach (var check in unhealthy) Raise(unhealthy.Count >= 2 ? DegradationLevel.Critical : DegradationLevel.Severe, $"health check '{check}' unhealthy");

        var all = breakers.All;
        var open = all.Where(b => b.State is CircuitState.Open or CircuitState.Isolated).ToList();
        foreach (var breaker in all.Where(b => b.State == CircuitState.HalfOpen)) Raise(DegradationLevel.Minor, $"circuit breaker '{breaker.Name}' half-open");
        var openLevel = open.Count == 0 ? DegradationLevel.Normal
            : open.Count == all.Count && all.Count > 1 ? DegradationLevel.Critical
            : open.Count >= 2 ? DegradationLevel.Severe
            : DegradationLevel.Moderate;
        foreach (var breaker in open) Raise(openLevel, $"circuit breaker '{breaker.Name}' {breaker.State.ToString().ToLowerInvariant()}");

        var manual = Override;
        return new DegradationReport(Service, manual?.Level ?? level, level, reasons, manual, time.GetUtcNow());
    }
}
