using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Logging;
using Platform.ServiceDefaults.Problems;
using Platform.ServiceDefaults.Telemetry;
using Platform.ServiceDefaults.Telemetry.PrometheusExporter;
using Platform.ServiceDefaults.Tenancy;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every platform service and the gateway get from one call each.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.ConfigureStructuredLogging();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddPlatformProblemDetails();
        builder.AddPlatformHttpClientDefaults();
        builder.Services.AddSingleton<TenantContextAccessor>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// Error handling, tenant context and the endpoints every service has: /health,
    /// /health/ready, /alive, /health/live, /metrics and /openapi/v1.json. Call it before
    /// mapping the service's own endpoints.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ActivityEnrichmentMiddleware>();
        app.UseMiddleware<TenantContextMiddleware>();

        app.MapHealthEndpoints();
        app.MapGet("/metrics", (PrometheusScrapeExporter exporter) =>
                Results.Text(exporter.Scrape(), PrometheusTextFormat.ContentType))
            .ExcludeFromDescription()
            .DisableHttpMetrics();
        app.MapOpenApi();
        return app;
    }
}
