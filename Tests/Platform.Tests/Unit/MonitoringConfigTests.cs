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
    public async Task Every_alert_passes_the_unit_tests_beside_its_rules()
    {
        var rules = Directory.GetFiles(Path.Combine(PrometheusDirectory, "rules"), "*.rules.yml");
        Assert.NotEmpty(rules);
        foreach (var file in rules)
        {
            var tests = Path.ChangeExtension(file, ".test.yml");
            Assert.True(File.Exists(tests), $"{Path.GetFileName(file)} has no unit tests beside it");
            // Every alert of the file is exercised by its tests.
            var testText = await File.ReadAllTextAsync(tests, TestContext.Current.CancellationToken);
            var alerts = AlertNames(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).ToList();
            Assert.NotEmpty(alerts);
            foreach (var alert in alerts)
                Assert.True(testText.Contains("alertname: " + alert, StringComparison.Ordinal), $"{alert} has no test in {Path.GetFileName(tests)}");

            var (exitCode, output) = await Promtool.TestRulesAsync(tests);

            Assert.True(exitCode == 0, output);
        }
    }

    [Fact]
    public async Task The_alert_unit_tests_fail_when_an_alert_fires_later_than_they_expect()
    {
        // Guards the check above: copies of the prediction rules and their tests, with one alert
        // made to wait longer than its test expects.
        var directory = Directory.CreateTempSubdirectory("rules-").FullName;
        try
        {
            var source = Path.Combine(PrometheusDirectory, "rules");
            var rules = await File.ReadAllTextAsync(Path.Combine(source, "prediction.rules.yml"), TestContext.Current.CancellationToken);
            Assert.Contains("for: 5m", rules, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(directory, "prediction.rules.yml"), rules.Replace("for: 5m", "for: 10m", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            File.Copy(Path.Combine(source, "prediction.rules.test.yml"), Path.Combine(directory, "prediction.rules.test.yml"));

            var (exitCode, output) = await Promtool.TestRulesAsync(Path.Combine(directory, "prediction.rules.test.yml"));

            Assert.NotEqual(0, exitCode);
            Assert.Contains("PredictionModelServedByStandIn", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<string> AlertNames(string rules) =>
        rules.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("- alert:", StringComparison.Ordinal)).Select(l => l["- alert:".Length..].Trim());

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
