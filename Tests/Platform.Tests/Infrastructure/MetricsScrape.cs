using System.Globalization;
using System.Text;

namespace Platform.Tests.Infrastructure;

/// <summary>One reading of an app's Prometheus <c>/metrics</c>, parsed into its series.</summary>
public sealed class MetricsScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _series;

    private MetricsScrape(List<(string, Dictionary<string, string>, double)> series)
    {
        _series = series;
        Names = series.Select(s => s.Item1).ToHashSet();
    }

    /// <summary>Every sample name exposed (a histogram's <c>_bucket</c>, <c>_sum</c> and <c>_count</c> each count).</summary>
    public IReadOnlySet<string> Names { get; }

    public static async Task<MetricsScrape> ReadAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var series = new List<(string, Dictionary<string, string>, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (TryParse(line, out var name, out var labels, out var value)) series.Add((name, labels, value));
        }
        return new MetricsScrape(series);
    }

    /// <summary>Reads once and sums, see <see cref="Sum"/>.</summary>
    public static async Task<double> SumAsync(HttpClient client, string metric, params (string Name, string Value)[] labels) =>
        (await ReadAsync(client)).Sum(metric, labels);

    /// <summary>
    /// The sum of every series of <paramref name="metric"/> whose labels include all of
    /// <paramref name="labels"/>, in whatever order they are exposed; 0 when none does.
    /// </summary>
    public double Sum(string metric, params (string Name, string Value)[] labels) =>
        _series.Where(s => s.Name == metric && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    // name{label="value",...} value — label values may hold escaped quotes, backslashes and newlines.
    private static bool TryParse(string line, out string name, out Dictionary<string, string> labels, out double value)
    {
        labels = [];
        value = 0;
        name = "";
        if (line.Length == 0 || line[0] == '#') return false;
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ')) i++;
        name = line[..i];
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (i < line.Length && line[i] != '}')
            {
                var eq = line.IndexOf('=', i);
                var label = line[i..eq];
                i = eq + 2; // past ="
                var content = new StringBuilder();
                for (; line[i] != '"'; i++)
                {
                    if (line[i] == '\\') content.Append(line[++i] switch { 'n' => '\n', var c => c });
                    else content.Append(line[i]);
                }
                labels[label] = content.ToString();
                i++; // past the closing quote
                if (line[i] == ',') i++;
            }
            i++; // past }
        }
        var rest = line[i..].Trim().Split(' ');
        return double.TryParse(rest[0], NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
