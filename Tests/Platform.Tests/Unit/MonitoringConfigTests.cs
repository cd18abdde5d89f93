using Platform.LocalInfra;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Unit;

public sealed class MonitoringConfigTests
{
    private static readonly string PrometheusDirectory = Path.Combine(RepositoryLayout.FindRoot(), "monitoring", "prometheus");

    [Fact]
    public async Task The_shipped_prometheus_configuration_passes_promtool()
    {
        var (exitCode, output) = await Promtool.CheckConfigAsync(Path.Combine(PrometheusDirectory, "prometheus.yml"));

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task Promtool_rejects_a_configuration_with_an_unknown_field()
    {
        // Guards the check above: a linter that accepts anything would prove nothing.
        var broken = Path.Combine(Path.GetTempPath(), $"prometheus-{Guid.NewGuid():N}.yml");
        var text = await File.ReadAllTextAsync(Path.Combine(PrometheusDirectory, "prometheus.yml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(broken, text.Replace("metrics_path:", "metric_path:", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        try
        {
            var (exitCode, _) = await Promtool.CheckConfigAsync(broken);

            Assert.NotEqual(0, exitCode);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
