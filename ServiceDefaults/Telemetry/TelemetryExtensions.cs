using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.ServiceDefaults.Telemetry.PrometheusExporter;

namespace Platform.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Registers <typeparamref name="T"/>, a class that creates a service's own meter and
    /// instruments, as a singleton created when the host starts (see <see cref="InstrumentsStarter{T}"/>).
    /// </summary>
    public static IServiceCollection AddInstruments<T>(this IServiceCollection services)
        where T : class
    {
        services.AddSingleton<T>();
        services.AddHostedService<InstrumentsStarter<T>>();
        return services;
    }

    /// <summary>
    /// Traces, metrics and logs. OTLP export (traces, metrics, logs) is on when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set; /metrics always serves the same meters.
    /// </summary>
    public static IHostApplicationBuilder ConfigureOpenTelemetry(this IHostApplicationBuilder builder)
    {
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured
            ? configured
            : builder.Environment.ApplicationName;
        // CreateDefault also reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES.
        var resource = ResourceBuilder.CreateDefault()
            .AddService(serviceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId);
        var otlp = OtlpExporterSettings.From(builder.Configuration);

        var prometheus = new PrometheusScrapeExporter();
        builder.Services.AddSingleton(prometheus);
        builder.Services.AddSingleton(_ =>
        {
            var tracing = Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .AddSource([.. PlatformTelemetry.ActivitySources, serviceName]);
            var metrics = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter([.. PlatformTelemetry.Meters, serviceName])
                .AddReader(prometheus.Reader);
            if (otlp is not null)
            {
                tracing.AddOtlpExporter(o => otlp.Apply(o, "traces"));
                metrics.AddOtlpExporter(o => otlp.Apply(o, "metrics"));
            }
            return new TelemetryProviders(tracing.Build(), metrics.Build());
        });
        builder.Services.AddHostedService<TelemetryStarter>();

        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (otlp is not null)
        {
            builder.Logging.AddOpenTelemetry(o =>
            {
                o.SetResourceBuilder(resource);
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
                o.AddOtlpExporter(exporter => otlp.Apply(exporter, "logs"));
            });
        }
        return builder;
    }
}
