using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Platform.ServiceDefaults.Telemetry.PrometheusExporter;

/// <summary>
/// Stands in for OpenTelemetry.Exporter.Prometheus.AspNetCore (not available here): a pull
/// exporter whose reader is collected on each scrape of <c>/metrics</c>.
/// </summary>
public sealed class PrometheusScrapeExporter : BaseExporter<Metric>
{
    private readonly Lock _gate = new();
    private string _lastScrape = "";

    public PrometheusScrapeExporter() => Reader = new BaseExportingMetricReader(this);

    /// <summary>Add this reader to the MeterProvider (cumulative temporality, as Prometheus expects).</summary>
    public MetricReader Reader { get; }

    /// <summary>Collects every instrument now and returns the exposition text.</summary>
    public string Scrape()
    {
        lock (_gate)
        {
            _lastScrape = "";
            Reader.Collect(timeoutMilliseconds: 5000);
            return _lastScrape;
        }
    }

    public override ExportResult Export(in Batch<Metric> batch)
    {
        _lastScrape = PrometheusTextSerializer.Serialize(batch);
        return ExportResult.Success;
    }
}
