using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Logging;
using Platform.ServiceDefaults.Problems;
using Platform.ServiceDefaults.Resilience;
using Platform.ServiceDefaults.Telemetry;
using Platform.ServiceDefaults.Telemetry.PrometheusExporter;
using Platform.ServiceDefaults.Tenancy;
using Platform.ServiceDefaults.Security;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every platform service and the gateway get from one call each.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        // One switch for inline I/O, the runtime's own variable, which the AppHost sets per process.
        if (builder is WebApplicationBuilder web) web.WebHost.UseInlineIoWhenEnabled();
        builder.ConfigureStructuredLogging();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddPlatformProblemDetails();
        // Every service can guard admin endpoints with RequireAdminKey().
        builder.AddAdminKey();
        builder.AddPlatformHttpClientDefaults();
        builder.AddPlatformResilience();
        builder.Services.TryAddSingleton<TenantContextAccessor>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// Error handling, tenant context and the endpoints every service has: /health,
    /// /health/ready, /alive, /health/live, /health/degradation, /metrics, /openapi/v1.json
    /// and the internal /admin/circuit-breakers and /admin/degradation. Call it before
    /// mapping the service's own endpoints.
    /// </summary>
    /// <param name="trustTenantHeaders">
    /// Services trust the <c>X-Tenant-*</c> headers because only the gateway can set them. The
    /// gateway itself passes false: there they are untrusted client input, to be resolved or stripped.
    /// </param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, bool trustTenantHeaders = true)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ActivityEnrichmentMiddleware>();
        if (trustTenantHeaders) app.UseMiddleware<TenantContextMiddleware>();

        app.MapHealthEndpoints();
        app.MapResilienceApi(includeAdmin: trustTenantHeaders);
        app.MapGet("/metrics", (PrometheusScrapeExporter exporter) =>
                Results.Text(exporter.Scrape(), PrometheusTextFormat.ContentType))
            .ExcludeFromDescription()
            .DisableHttpMetrics();
        app.MapOpenApi();
        return app;
    }
}
