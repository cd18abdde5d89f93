using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Platform.ServiceDefaults.Telemetry.PrometheusExporter;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Unit;

public sealed class PrometheusExporterTests
{
    [Theory]
    [InlineData("http.server.request.duration", "s", "histogram", "http_server_request_duration_seconds")]
    [InlineData("messaging.receive.duration", "ms", "histogram", "messaging_receive_duration_seconds")]
    [InlineData("dotnet.gc.collections", "{collection}", "counter", "dotnet_gc_collections_total")]
    [InlineData("bytes.written", "By", "counter", "bytes_written_bytes_total")]
    [InlineData("requests_total", null, "counter", "requests_total")]
    [InlineData("dotnet.assembly.count", "{assembly}", "gauge", "dotnet_assembly_count_current")]
    [InlineData("Cache.HitRatio", "1", "gauge", "cache_hitratio")]
    [InlineData("9lives..odd--name", null, "gauge", "_9lives_odd_name")]
    public void Instrument_names_map_to_prometheus_conventions(string instrument, string? unit, string type, string expected) =>
        Assert.Equal(expected, PrometheusTextFormat.MetricName(instrument, unit, type));

    [Fact]
    public async Task A_scrape_of_real_instruments_is_exact_and_passes_promtool()
    {
        using var meter = new Meter("Platform.Tests.Scrape." + Guid.NewGuid().ToString("N"));
        var exporter = new PrometheusScrapeExporter();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(meter.Name)
            .AddView("test.latency", new ExplicitBucketHistogramConfiguration { Boundaries = [10, 100] })
            .AddReader(exporter.Reader)
            .Build();
        var requests = meter.CreateCounter<long>("test.requests", description: "Requests \\ handled\nby route");
        var latency = meter.CreateHistogram<double>("test.latency", unit: "ms");
        var inFlight = meter.CreateUpDownCounter<int>("test.in_flight");
        requests.Add(2, new KeyValuePair<string, object?>("route", "/a\"b"));
        requests.Add(3, new KeyValuePair<string, object?>("route", "/a\"b"));
        latency.Record(5);
        latency.Record(50);
        latency.Record(500);
        inFlight.Add(4);
        inFlight.Add(-1);

        var text = exporter.Scrape();

        Assert.Contains("# HELP test_requests_total Requests \\\\ handled\\nby route\n", text);
        Assert.Contains("# TYPE test_requests_total counter\n", text);
        Assert.Contains("test_requests_total{route=\"/a\\\"b\"} 5\n", text);
        Assert.Contains("# TYPE test_latency_seconds histogram\n", text);
        Assert.Contains("test_latency_seconds_bucket{le=\"0.01\"} 1\n", text);
        Assert.Contains("test_latency_seconds_bucket{le=\"0.1\"} 2\n", text);
        Assert.Contains("test_latency_seconds_bucket{le=\"+Inf\"} 3\n", text);
        Assert.Contains("test_latency_seconds_sum 0.555\n", text);
        Assert.Contains("test_latency_seconds_count 3\n", text);
        Assert.Contains("# TYPE test_in_flight gauge\ntest_in_flight 3\n", text);
        var (exitCode, output) = await Promtool.CheckMetricsAsync(text);
        Assert.True(exitCode == 0, output);
    }
}
