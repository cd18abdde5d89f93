using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Platform.ServiceDefaults.Telemetry.PrometheusExporter;

/// <summary>Writes one collection of OpenTelemetry metrics as Prometheus text.</summary>
internal static class PrometheusTextSerializer
{
    public static string Serialize(Batch<Metric> metrics)
    {
        // One family per name: Prometheus rejects a name declared twice, so when two meters
        // define the same instrument name with different types, the first one wins.
        var families = new Dictionary<string, (string Type, StringBuilder Body, string Help)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var metric in metrics)
        {
            var type = metric.MetricType switch
            {
                MetricType.LongSum or MetricType.DoubleSum => "counter",
                MetricType.LongGauge or MetricType.DoubleGauge or MetricType.LongSumNonMonotonic or MetricType.DoubleSumNonMonotonic => "gauge",
                MetricType.Histogram => "histogram",
                _ => null, // Exponential histograms are not configured by the platform.
            };
            if (type is null) continue;

            var name = PrometheusTextFormat.MetricName(metric.Name, metric.Unit, type);
            if (!families.TryGetValue(name, out var family))
            {
                family = (type, new StringBuilder(), string.IsNullOrWhiteSpace(metric.Description) ? metric.Name : metric.Description);
                families[name] = family;
                order.Add(name);
            }
            else if (family.Type != type)
            {
                continue;
            }
            WritePoints(family.Body, name, metric);
        }

        var output = new StringBuilder();
        foreach (var name in order)
        {
            var (type, body, help) = families[name];
            if (body.Length == 0) continue;
            output.Append("# HELP ").Append(name).Append(' ').Append(PrometheusTextFormat.EscapeHelp(help)).Append('\n');
            output.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            output.Append(body);
        }
        return output.ToString();
    }

    private static void WritePoints(StringBuilder output, string name, Metric metric)
    {
        var scale = PrometheusTextFormat.UnitScale(metric.Unit);
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var labels = Labels(point.Tags);
            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    Sample(output, name, labels, null, point.GetSumLong() * scale);
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    Sample(output, name, labels, null, point.GetSumDouble() * scale);
                    break;
                case MetricType.LongGauge:
                    Sample(output, name, labels, null, point.GetGaugeLastValueLong() * scale);
                    break;
                case MetricType.DoubleGauge:
                    Sample(output, name, labels, null, point.GetGaugeLastValueDouble() * scale);
                    break;
                case MetricType.Histogram:
                    long cumulative = 0;
                    foreach (var bucket in point.GetHistogramBuckets())
                    {
                        cumulative += bucket.BucketCount;
                        var bound = double.IsPositiveInfinity(bucket.ExplicitBound) ? "+Inf" : PrometheusTextFormat.Number(bucket.ExplicitBound * scale);
                        Sample(output, name + "_bucket", labels, bound, cumulative);
                    }
                    Sample(output, name + "_sum", labels, null, point.GetHistogramSum() * scale);
                    Sample(output, name + "_count", labels, null, point.GetHistogramCount());
                    break;
            }
        }
    }

    private static string Labels(ReadOnlyTagCollection tags)
    {
        var output = new StringBuilder();
        foreach (var tag in tags)
        {
            if (output.Length > 0) output.Append(',');
            output.Append(PrometheusTextFormat.LabelName(tag.Key)).Append("=\"");
            PrometheusTextFormat.AppendLabelValue(output, tag.Value);
            output.Append('"');
        }
        return output.ToString();
    }

    private static void Sample(StringBuilder output, string name, string labels, string? le, double value)
    {
        output.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            output.Append('{').Append(labels);
            if (le is not null) output.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            output.Append('}');
        }
        output.Append(' ').Append(PrometheusTextFormat.Number(value)).Append('\n');
    }
}
