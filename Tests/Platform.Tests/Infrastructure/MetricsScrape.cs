using System.Globalization;
using System.Text;

namespace Platform.Tests.Infrastructure;

/// <summary>Reads series from an app's Prometheus <c>/metrics</c>.</summary>
public static class MetricsScrape
{
    /// <summary>The value of <paramref name="series"/> (name and labels exactly as exposed), 0 when absent.</summary>
    public static async Task<double> ValueAsync(HttpClient client, string series)
    {
        var text = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The sum of every series of <paramref name="metric"/> whose labels include all of
    /// <paramref name="labels"/>, in whatever order they are exposed; 0 when none does.
    /// </summary>
    public static async Task<double> SumAsync(HttpClient client, string metric, params (string Name, string Value)[] labels)
    {
        var text = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (!TryParse(line, out var name, out var found, out var value) || name != metric) continue;
            if (labels.All(l => found.TryGetValue(l.Name, out var v) && v == l.Value)) sum += value;
        }
        return sum;
    }

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
