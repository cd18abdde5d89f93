using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Platform.ServiceDefaults.Telemetry;

/// <summary>
/// Owns the tracer and meter providers for the lifetime of the host. OpenTelemetry's hosting
/// package (which normally does this) cannot be restored here; the DI container disposes this
/// singleton when the host stops, which flushes the exporters.
/// </summary>
internal sealed class TelemetryProviders(TracerProvider tracerProvider, MeterProvider meterProvider) : IDisposable
{
    public void Dispose()
    {
        tracerProvider.Dispose();
        meterProvider.Dispose();
    }
}
