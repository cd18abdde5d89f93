using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.LocalInfra;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Unit;

/// <summary>
/// The Grafana dashboards shipped in <c>infra/grafana</c> (no Grafana server runs here): each is a
/// dashboard document on the provisioned datasource, and every query in it is PromQL that
/// Prometheus' own parser accepts (promtool checks it as a recording rule). That their metrics
/// exist is checked against a running service (PredictionMetricsTests).
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string GrafanaDirectory = Path.Combine(RepositoryLayout.FindRoot(), "infra", "grafana");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_dashboard_queries_the_provisioned_datasource_with_valid_promql()
    {
        var datasource = DatasourceUid().Match(await File.ReadAllTextAsync(Path.Combine(GrafanaDirectory, "provisioning", "datasources", "prometheus.yml"), Cancel)).Groups[1].Value;
        var dashboards = Directory.GetFiles(Path.Combine(GrafanaDirectory, "dashboards"), "*.json");
        Assert.NotEmpty(dashboards);
        foreach (var file in dashboards)
        {
            using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(file, Cancel));
            var root = dashboard.RootElement;
            Assert.False(string.IsNullOrEmpty(root.GetProperty("uid").GetString()), $"{file}: no uid");
            var panels = root.GetProperty("panels").EnumerateArray().ToList();
            Assert.NotEmpty(panels);
            Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            var queries = new List<string>();
            foreach (var panel in panels)
            {
                Assert.Equal(datasource, panel.GetProperty("datasource").GetProperty("uid").GetString());
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    Assert.Equal(datasource, target.GetProperty("datasource").GetProperty("uid").GetString());
                    queries.Add(target.GetProperty("expr").GetString()!);
                }
            }

            var (exitCode, output) = await CheckAsync(queries);

            Assert.True(exitCode == 0, $"{Path.GetFileName(file)}: {output}");
        }
    }

    [Fact]
    public async Task A_query_prometheus_cannot_parse_is_refused()
    {
        // Guards the check above: a parser that accepts anything would prove nothing.
        var (exitCode, output) = await CheckAsync(["sum by (kind) (rate(platform_prediction_rows_total[5m])"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("parse error", output, StringComparison.Ordinal);
    }

    /// <summary>The metric names a dashboard file's queries use, e.g. <c>platform_prediction_rows_total</c>.</summary>
    public static IEnumerable<string> MetricNames(string dashboardFile, string prefix)
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(GrafanaDirectory, "dashboards", dashboardFile)));
        return [.. dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .SelectMany(t => Regex.Matches(t.GetProperty("expr").GetString()!, Regex.Escape(prefix) + "[a-z_]+").Select(m => m.Value))
            .Distinct()];
    }

    // Each query becomes a recording rule, so promtool parses it as Prometheus would.
    private static async Task<(int ExitCode, string Output)> CheckAsync(List<string> queries)
    {
        var rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (var i = 0; i < queries.Count; i++)
        {
            rules.Append("      - record: dashboard:query_").Append(i).Append('\n').Append("        expr: |\n");
            foreach (var line in queries[i].Split('\n')) rules.Append("          ").Append(line).Append('\n');
        }
        var path = Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.rules.yml");
        await File.WriteAllTextAsync(path, rules.ToString(), Cancel);
        try
        {
            return await Promtool.CheckRulesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"uid:\s*(\S+)")]
    private static partial Regex DatasourceUid();
}
