using System.Globalization;

namespace Platform.Tests.Infrastructure;

/// <summary>Reads one series from an app's Prometheus <c>/metrics</c>.</summary>
public static class MetricsScrape
{
    /// <summary>The value of <paramref name="series"/> (name and labels exactly as exposed), 0 when absent.</summary>
    public static async Task<double> ValueAsync(HttpClient client, string series)
    {
        var text = await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
