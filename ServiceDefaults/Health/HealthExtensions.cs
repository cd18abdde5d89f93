using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Health;

public static class HealthExtensions
{
    public static IHostApplicationBuilder AddDefaultHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthTags.Live]);
        return builder;
    }

    /// <summary>
    /// /health and /health/ready run every check (503 when one is unhealthy); /alive and
    /// /health/live run only the liveness checks. Unauthenticated on purpose: orchestrators
    /// and the AppHost probe them; the gateway never routes them from outside.
    /// </summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var readiness = new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync };
        var liveness = new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(HealthTags.Live),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        };
        endpoints.MapHealthChecks("/health", readiness).DisableHttpMetrics();
        endpoints.MapHealthChecks("/health/ready", readiness).DisableHttpMetrics();
        endpoints.MapHealthChecks("/alive", liveness).DisableHttpMetrics();
        endpoints.MapHealthChecks("/health/live", liveness).DisableHttpMetrics();
        return endpoints;
    }
}
