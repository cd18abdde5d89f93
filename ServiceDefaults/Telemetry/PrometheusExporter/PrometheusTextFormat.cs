using System.Globalization;
using System.Text;

namespace Platform.ServiceDefaults.Telemetry.PrometheusExporter;

/// <summary>
/// Naming and escaping rules of the Prometheus text exposition format 0.0.4, and the
/// OpenTelemetry-to-Prometheus name mapping (units become suffixes, counters end in _total).
/// </summary>
public static class PrometheusTextFormat
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Maps an instrument name and unit to a Prometheus metric family name.</summary>
    /// <param name="type">"counter", "gauge" or "histogram".</param>
    public static string MetricName(string instrument, string? unit, string type)
    {
        var name = Sanitize(instrument);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal)) name += "_" + suffix;
        if (type == "counter") return name.EndsWith("_total", StringComparison.Ordinal) ? name : name + "_total";
        // _count, _sum and _bucket belong to histogram series and _total to counters; a gauge
        // such as dotnet.assembly.count would be misread (and fails promtool's lint).
        return ReservedSuffixes.Any(r => name.EndsWith(r, StringComparison.Ordinal)) ? name + "_current" : name;
    }

    private static readonly string[] ReservedSuffixes = ["_count", "_sum", "_bucket", "_total"];

    /// <summary>
    /// The factor that converts a value to the base unit Prometheus expects: durations are
    /// exposed in seconds, whatever the instrument measured in.
    /// </summary>
    public static double UnitScale(string? unit) => unit switch
    {
        "ms" => 1e-3,
        "us" => 1e-6,
        "ns" => 1e-9,
        _ => 1,
    };

    public static string LabelName(string key)
    {
        var name = Sanitize(key);
        // Names starting with "__" are reserved for Prometheus itself.
        return name.StartsWith("__", StringComparison.Ordinal) ? "_" + name.TrimStart('_') : name;
    }

    public static void AppendLabelValue(StringBuilder output, object? value)
    {
        var text = value switch
        {
            null => "",
            string s => s,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': output.Append("\\\\"); break;
                case '"': output.Append("\\\""); break;
                case '\n': output.Append("\\n"); break;
                default: output.Append(c); break;
            }
        }
    }

    public static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => "",
        "s" or "ms" or "us" or "ns" => "seconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "%" => "percent",
        // Annotations such as {request} are descriptive only and carry no unit.
        _ when unit.StartsWith('{') => "",
        _ => Sanitize(unit.Replace("/", "_per_", StringComparison.Ordinal)),
    };

    // Prometheus names allow [a-zA-Z_:][a-zA-Z0-9_:]*; OpenTelemetry names use dots and may use
    // upper case, which Prometheus' linter rejects. Runs of separators collapse to one '_'.
    private static string Sanitize(string value)
    {
        var output = new StringBuilder(value.Length);
        var previousUnderscore = false;
        foreach (var raw in value)
        {
            var c = char.IsAsciiLetterOrDigit(raw) ? char.ToLowerInvariant(raw) : '_';
            if (c == '_' && previousUnderscore) continue;
            output.Append(c);
            previousUnderscore = c == '_';
        }
        if (output.Length == 0 || char.IsAsciiDigit(output[0])) output.Insert(0, '_');
        return output.ToString().TrimEnd('_');
    }
}
