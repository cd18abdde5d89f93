using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Prediction.Models;

/// <summary>
/// Unhealthy: no model can serve, or the activated versions were never read. Degraded: a name
/// serves a stand-in for its intended version, or some artifacts were refused (each named).
/// </summary>
internal sealed class ModelRegistryHealthCheck(ModelRegistry registry, ModelServing serving, ModelActivations activations) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = registry.Rejected.ToDictionary(r => r.File, r => (object)string.Join("; ", r.Reasons));
        if (!activations.Loaded) return Task.FromResult(HealthCheckResult.Unhealthy("the activated model versions have not been read from the database yet", data: data));
        var statuses = registry.Names.Select(serving.Status).ToList();
        var serves = string.Join(", ", statuses.Where(s => s.ServingVersion is not null).Select(s => $"{s.Name} v{s.ServingVersion}"));
        var degraded = statuses.Where(s => s.Degraded).Select(s => s.Reason!).ToList();
        if (registry.Rejected.Count > 0) degraded.Add("refused " + string.Join(", ", registry.Rejected.Select(r => r.File)));
        return Task.FromResult(
            statuses.All(s => s.ServingVersion is null) ? HealthCheckResult.Unhealthy("no model can serve", data: data)
            : degraded.Count > 0 ? HealthCheckResult.Degraded($"serving {serves}; {string.Join("; ", degraded)}", data: data)
            : HealthCheckResult.Healthy("serving " + serves));
    }
}
