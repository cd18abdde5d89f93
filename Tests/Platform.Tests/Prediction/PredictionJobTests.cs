using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Prediction.Scoring.Artifacts;
using Platform.ServiceDefaults.Tenancy;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;
using static Platform.Tests.Prediction.PredictionRequests;

namespace Platform.Tests.Prediction;

/// <summary>
/// Asynchronous prediction jobs through real RabbitMQ: submitted through the gateway, scored by the
/// consumer like a batch, read back a page of rows at a time; and a job whose first deliveries fail
/// (tenancy down) retried on the batch-prediction policy until it completes, charged once; and one
/// whose every delivery fails, marked failed with its message in the dead-letter queue.
/// </summary>
public sealed class PredictionJobTests(PlatformServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_job_is_scored_in_the_background_read_back_by_pages_retried_through_an_outage_without_double_charging_and_failed_after_its_retries()
    {
        await using var platform = await RunningPlatform.StartAsync(servers, TestTags.New("jobs"), services: [PlatformProject.Tenancy, PlatformProject.Prediction],
            extraEnvironment: new Dictionary<string, string?>
            {
                ["Messaging__Redelivery__BatchPrediction__InitialDelay"] = "00:00:01",
                ["Messaging__Redelivery__BatchPrediction__Factor"] = "1.5",
                // Redeliveries after 1, 1.5, 2.3, 3.4, 5.1 and 7.6 s: ~21 s to bridge an outage, then the job fails.
                ["Messaging__Redelivery__BatchPrediction__Retries"] = "6",
                ["Resilience__Http__BreakerBreakDuration"] = "00:00:01",
            });
        using var tenancy = TenancyClient.Of(platform);
        var tenant = TestTags.New("jobs");
        using var client = await tenancy.NewTenantClientAsync(platform, tenant);

        // 25 rows, two of them bad: submitted through the gateway, 202 with the job's address.
        var rows = Enumerable.Range(0, 25).Select(i =>
        {
            var features = Patient();
            features["adherence_pct"] = 50 + i;
            if (i == 3) features["age"] = 12;
            return new { patientId = i == 17 ? "Jane Doe" : $"pt-{i}", features };
        }).ToArray();
        Guid jobId;
        using (var submitted = await client.SendAsync(Post(new { rows }, "/v1/predictions/jobs"), Cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            var accepted = await submitted.Content.ReadFromJsonAsync<JsonElement>(Cancel);
            jobId = accepted.GetProperty("id").GetGuid();
            Assert.Equal($"/v1/predictions/jobs/{jobId}", submitted.Headers.Location?.OriginalString);
            Assert.Equal(25, accepted.GetProperty("rows").GetInt32());
        }
        var job = await CompletedJobAsync(client, jobId, TimeSpan.FromSeconds(30));
        Assert.Equal((23, 2, 0, 1, 1, false), (job.GetProperty("scored").GetInt32(), job.GetProperty("rowErrors").GetInt32(), job.GetProperty("quotaRefused").GetInt32(),
            job.GetProperty("deliveries").GetInt32(), job.GetProperty("modelVersion").GetInt32(), job.GetProperty("degraded").GetBoolean()));

        // Every row, in pages of 10, with its outcome; scored rows are stored predictions with the exact score.
        var items = new List<JsonElement>();
        int? offset = 0;
        var offsets = new List<int>();
        while (offset is { } at)
        {
            offsets.Add(at);
            var page = await client.GetFromJsonAsync<JsonElement>($"/v1/predictions/jobs/{jobId}/results?offset={at}&limit=10", Cancel);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            offset = page.GetProperty("nextOffset").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextOffset").GetInt32();
        }
        Assert.Equal([0, 10, 20], offsets);
        Assert.Equal(Enumerable.Range(0, 25), items.Select(i => i.GetProperty("row").GetInt32()));
        Assert.Equal(("error", "age"), (items[3].GetProperty("outcome").GetString(), items[3].GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal(("error", "patientId"), (items[17].GetProperty("outcome").GetString(), items[17].GetProperty("errors")[0].GetProperty("field").GetString()));
        Assert.Equal(23, items.Count(i => i.GetProperty("outcome").GetString() == "scored"));
        var artifact = ModelArtifactJson.Read(File.ReadAllText(Path.Combine(servers.RepositoryRoot, "Services/Prediction/Models/iit-risk.v1.json")), "iit-risk.v1.json");
        var first = rows[0].features;
        Assert.Equal(1 / (1 + Math.Exp(-LogitByHand(artifact, first))), items[0].GetProperty("risk").GetDouble(), 12);
        var stored = await client.GetFromJsonAsync<JsonElement>($"/v1/predictions/{items[24].GetProperty("predictionId").GetGuid()}", Cancel);
        Assert.Equal(("pt-24", items[24].GetProperty("risk").GetDouble()), (stored.GetProperty("patientId").GetString(), stored.GetProperty("risk").GetDouble()));
        Assert.Equal(23, await UsedAsync(client));

        // Bad requests and other tenants' jobs.
        using (var empty = await client.SendAsync(Post(new { rows = Array.Empty<object>() }, "/v1/predictions/jobs"), Cancel))
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using (var badPage = await client.GetAsync($"/v1/predictions/jobs/{jobId}/results?limit=0", Cancel))
            Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        using var otherClient = await tenancy.NewTenantClientAsync(platform, TestTags.New("jobs"));
        using (var foreign = await otherClient.GetAsync($"/v1/predictions/jobs/{jobId}", Cancel))
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using (var foreignResults = await otherClient.GetAsync($"/v1/predictions/jobs/{jobId}/results", Cancel))
            Assert.Equal(HttpStatusCode.NotFound, foreignResults.StatusCode);

        // Tenancy goes down: a job submitted to the service (the gateway needs tenancy itself) cannot
        // reserve quota, fails its first deliveries and waits for the next one.
        await platform.StopAsync(PlatformProject.Tenancy);
        using var service = new HttpClient { BaseAddress = platform[PlatformProject.Prediction].BaseAddress };
        service.DefaultRequestHeaders.Add(TenantHeaders.TenantId, tenant);
        service.DefaultRequestHeaders.Add(TenantHeaders.Tier, "professional");
        Guid retried;
        using (var submitted = await service.PostAsJsonAsync("/v1/predictions/jobs", new { rows = rows.Take(6) }, Cancel))
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            retried = (await submitted.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
        }
        await Task.Delay(TimeSpan.FromSeconds(3), Cancel);
        Assert.Equal("Queued", (await service.GetFromJsonAsync<JsonElement>($"/v1/predictions/jobs/{retried}", Cancel)).GetProperty("status").GetString());

        // Tenancy is back: a later delivery completes the job, its rows charged once.
        await platform.StartAgainAsync(servers, PlatformProject.Tenancy);
        var done = await CompletedJobAsync(service, retried, TimeSpan.FromSeconds(90));
        Assert.Equal(5, done.GetProperty("scored").GetInt32()); // row 3 of the six is the bad one
        Assert.True(done.GetProperty("deliveries").GetInt32() >= 2, $"completed on delivery {done.GetProperty("deliveries").GetInt32()}");
        Assert.Equal(28, await UsedAsync(client));

        // Down for longer than the policy waits: the job is marked failed, its message dead-lettered, nothing charged.
        await platform.StopAsync(PlatformProject.Tenancy);
        Guid abandoned;
        using (var submitted = await service.PostAsJsonAsync("/v1/predictions/jobs", new { rows = rows.Take(2) }, Cancel))
            abandoned = (await submitted.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("id").GetGuid();
        var failed = await Eventually.Until(() => service.GetFromJsonAsync<JsonElement>($"/v1/predictions/jobs/{abandoned}", Cancel),
            j => j.GetProperty("status").GetString() != "Queued", TimeSpan.FromSeconds(90), "the abandoned job to be given up");
        Assert.Equal("Failed", failed.GetProperty("status").GetString());
        Assert.Contains("dead-letter queue", failed.GetProperty("failure").GetString());
        Assert.Equal(0, failed.GetProperty("scored").GetInt32());
        // MassTransit publishes the Fault and moves the message to the error queue separately: the
        // job can be marked failed a moment before its message lands there.
        var deadLetters = await Eventually.Until(() => AmqpQueue.InspectAsync(servers.Infra.RabbitMq.ConnectionString(platform.Tag), "prediction-prediction-job_error"),
            q => q.Messages > 0, TimeSpan.FromSeconds(10), "the abandoned job's message in the error queue");
        Assert.Equal(1u, deadLetters.Messages);
        await platform.StartAgainAsync(servers, PlatformProject.Tenancy);
        Assert.Equal(28, await UsedAsync(client));
    }
}
