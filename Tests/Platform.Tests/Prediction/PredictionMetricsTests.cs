using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;
using static Platform.Tests.Prediction.PredictionRequests;

namespace Platform.Tests.Prediction;

/// <summary>
/// What an operator's dashboard reads from the prediction service's <c>/metrics</c>, against a
/// prediction service of its own (so every count is this test's): rows scored by kind, version,
/// level and degradation (single, batch and job); rows refused and why; the distribution of risk; outcomes; and whether a
/// model name is served by a stand-in.
/// </summary>
public sealed class PredictionMetricsTests(PlatformServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scored_and_refused_rows_of_every_kind_risk_outcomes_and_a_degraded_model_are_counted_as_they_happened()
    {
        // v2 is the newest artifact but torn, so v1 stands in for it until an operator activates v1.
        var shipped = ServedModels.Shipped(servers);
        await using var served = await ServedModels.StartAsync(servers, "metrics", new Dictionary<string, string>
        {
            ["iit-risk.v1.json"] = shipped,
            ["iit-risk.v2.json"] = shipped[..300],
        });
        var platform = served.Platform;
        using var tenancy = TenancyClient.Of(platform);
        using var service = new HttpClient { BaseAddress = platform[PlatformProject.Prediction].BaseAddress };
        const string Rows = "platform_prediction_rows_total", Refused = "platform_prediction_refused_rows_total";
        (string, string) Label(string name, string value) => (name, value);

        Assert.Equal(1, await MetricsScrape.SumAsync(service, "platform_prediction_model_degraded", Label("model", "iit-risk")));

        // A tenant with four units left of its month.
        var tenant = TestTags.New("metered");
        using var client = await tenancy.NewTenantClientAsync(platform, tenant, "free");
        using (var used = await tenancy.Service.PostAsJsonAsync($"/internal/quotas/{tenant}/predictions/consume", new { units = 996 }, Cancel))
            used.EnsureSuccessStatusCode();

        var risks = new List<double>();
        var single = await CreatedAsync(client, Post(new { patientId = "pt-m1", features = Patient() }));
        Assert.True(single.GetProperty("degraded").GetBoolean());
        risks.Add(single.GetProperty("risk").GetDouble());
        var invalid = Patient();
        invalid["age"] = 5;
        using (var refused = await client.SendAsync(Post(new { patientId = "pt-m2", features = invalid }), Cancel))
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // Four valid rows and an invalid one, three units left: three scored, one refused by the quota.
        var rows = new object[]
        {
            new { patientId = "pt-b1", features = Patient() },
            new { patientId = "pt-b2", features = invalid },
            new { patientId = "pt-b3", features = new Dictionary<string, object>(Patient()) { ["adherence_pct"] = 99 } },
            new { patientId = "pt-b4", features = new Dictionary<string, object>(Patient()) { ["age"] = 61, ["missed_appointments_6m"] = 0 } },
            new { patientId = "pt-b5", features = Patient() },
        };
        var batch = await CreatedAsync(client, Post(new { rows }, "/v1/predictions/batch"), HttpStatusCode.OK);
        var results = batch.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        risks.AddRange(results.Select(r => r.GetProperty("risk").GetDouble()));

        // The month is spent: the next single prediction is refused by the quota.
        using (var spent = await client.SendAsync(Post(new { patientId = "pt-m3", features = Patient() }), Cancel))
            Assert.Equal(HttpStatusCode.TooManyRequests, spent.StatusCode);

        // The operator activates v1: no longer a stand-in, and the gauge follows.
        using (var activated = await tenancy.Admin.PostAsJsonAsync("/v1/admin/models/iit-risk/activate", new { version = 1 }, Cancel))
            activated.EnsureSuccessStatusCode();
        await Eventually.Until(() => MetricsScrape.SumAsync(service, "platform_prediction_model_degraded", Label("model", "iit-risk")), v => v == 0,
            TimeSpan.FromSeconds(10), "iit-risk served by its intended version");
        using var other = await tenancy.NewTenantClientAsync(platform, TestTags.New("metered"));
        var undegraded = await CreatedAsync(other, Post(new { patientId = "pt-m4", features = Patient() }));
        Assert.False(undegraded.GetProperty("degraded").GetBoolean());
        risks.Add(undegraded.GetProperty("risk").GetDouble());
        await CreatedAsync(other, Post(new { interrupted = true }, $"/v1/predictions/{undegraded.GetProperty("id").GetGuid()}/outcome"));

        // A job of three rows, one invalid, run from the bus: counted once its result has committed.
        var job = await CreatedAsync(other, Post(new { rows = rows[..3] }, "/v1/predictions/jobs"), HttpStatusCode.Accepted);
        var jobId = job.GetProperty("id").GetGuid();
        Assert.Equal(2, (await CompletedJobAsync(other, jobId, TimeSpan.FromSeconds(30))).GetProperty("scored").GetInt32());
        var jobResults = (await other.GetFromJsonAsync<JsonElement>($"/v1/predictions/jobs/{jobId}/results", Cancel)).GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("outcome").GetString() == "scored").ToList();
        risks.AddRange(jobResults.Select(r => r.GetProperty("risk").GetDouble()));

        // Scored rows, by kind, version, level and degradation.
        var scrape = await MetricsScrape.ReadAsync(service);
        var v1 = new[] { Label("model", "iit-risk"), Label("version", "1") };
        Assert.Equal(1, scrape.Sum(Rows, [.. v1, Label("kind", "single"), Label("degraded", "true"), Label("level", single.GetProperty("level").GetString()!)]));
        Assert.Equal(1, scrape.Sum(Rows, [.. v1, Label("kind", "single"), Label("degraded", "false"), Label("level", undegraded.GetProperty("level").GetString()!)]));
        Assert.Equal(2, scrape.Sum(Rows, Label("kind", "single")));
        foreach (var level in results.GroupBy(r => r.GetProperty("level").GetString()!))
            Assert.Equal(level.Count(), scrape.Sum(Rows, [.. v1, Label("kind", "batch"), Label("degraded", "true"), Label("level", level.Key)]));
        Assert.Equal(3, scrape.Sum(Rows, Label("kind", "batch")));
        foreach (var level in jobResults.GroupBy(r => r.GetProperty("level").GetString()!))
            Assert.Equal(level.Count(), scrape.Sum(Rows, [.. v1, Label("kind", "job"), Label("degraded", "false"), Label("level", level.Key)]));
        Assert.Equal(2, scrape.Sum(Rows, Label("kind", "job")));

        // Refused rows, by kind and reason; nothing was unavailable.
        Assert.Equal(1, scrape.Sum(Refused, Label("kind", "single"), Label("reason", "invalid")));
        Assert.Equal(1, scrape.Sum(Refused, Label("kind", "single"), Label("reason", "quota")));
        Assert.Equal(1, scrape.Sum(Refused, Label("kind", "batch"), Label("reason", "invalid")));
        Assert.Equal(1, scrape.Sum(Refused, Label("kind", "batch"), Label("reason", "quota")));
        Assert.Equal(1, scrape.Sum(Refused, Label("kind", "job"), Label("reason", "invalid")));
        Assert.Equal(5, scrape.Sum(Refused));

        // Every scored risk is in the version's distribution, each in its bucket.
        Assert.Equal(risks.Count, scrape.Sum("platform_prediction_risk_count", v1));
        Assert.Equal(risks.Sum(), scrape.Sum("platform_prediction_risk_sum", v1), 9);
        foreach (var bound in new[] { "0.3", "0.5", "0.7" })
            Assert.Equal(risks.Count(r => r <= double.Parse(bound, System.Globalization.CultureInfo.InvariantCulture)),
                scrape.Sum("platform_prediction_risk_bucket", [.. v1, Label("le", bound)]));

        Assert.Equal(1, scrape.Sum("platform_prediction_outcomes_total", [.. v1, Label("interrupted", "true")]));
        Assert.Equal(1, scrape.Sum("platform_prediction_outcomes_total"));

        // What the shipped dashboard and alerts query is what this service exposes.
        var alerts = await File.ReadAllTextAsync(Path.Combine(servers.RepositoryRoot, "monitoring/prometheus/rules/prediction.rules.yml"), Cancel);
        var queried = Unit.GrafanaDashboardTests.MetricNames("prediction.json", "platform_prediction_")
            .Concat(System.Text.RegularExpressions.Regex.Matches(alerts, "platform_prediction_[a-z_]+").Select(m => m.Value)).Distinct().ToList();
        Assert.NotEmpty(queried);
        Assert.All(queried, name => Assert.Contains(name, scrape.Names));
    }

    private static async Task<JsonElement> CreatedAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using (request)
        using (var response = await client.SendAsync(request, Cancel))
        {
            Assert.Equal(expected, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        }
    }
}
