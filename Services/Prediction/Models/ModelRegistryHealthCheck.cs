using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Prediction.Models;

/// <summary>No model to serve: unhealthy. Some artifacts refused: degraded, naming them.</summary>
internal sealed class ModelRegistryHealthCheck(ModelRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = registry.Rejected.ToDictionary(r => r.File, r => (object)string.Join("; ", r.Reasons));
        var served = string.Join(", ", registry.Models.Select(m => $"{m.Name} v{m.Version}"));
        return Task.FromResult(
            registry.Models.Count == 0 ? HealthCheckResult.Unhealthy("no valid model artifact", data: data)
            : registry.Rejected.Count > 0 ? HealthCheckResult.Degraded($"serving {served}; refused {string.Join(", ", registry.Rejected.Select(r => r.File))}", data: data)
            : HealthCheckResult.Healthy("serving " + served));
    }
}
