using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Prediction.Scoring.Artifacts;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;
using RabbitMQ.Client;
using static Platform.Tests.Prediction.PredictionRequests;

namespace Platform.Tests.Prediction;

/// <summary>What a tenant can read back: its predictions by filter and page, the outcomes it reports, and the accuracy they add up to.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PredictionHistoryTests(PlatformFixture fixture, PlatformServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Predictions_are_listed_newest_first_by_filter_and_keyset_page_for_their_tenant_only()
    {
        using var tenancy = new TenancyClient(fixture);
        var client = await TenantClientAsync(tenancy);
        var batch = await BatchAsync(client, 7);
        await Task.Delay(20, Cancel);
        var single = await PredictOneAsync(client, "pt-single", Patient());
        var singleAt = single.GetProperty("createdAt").GetDateTimeOffset();

        var all = await PageAsync(client, "?limit=500");
        Assert.Null(all.GetProperty("nextCursor").GetString());
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(8, items.Count);
        Assert.Equal(single.GetProperty("id").GetGuid(), items[0].GetProperty("id").GetGuid());
        Assert.Equal(batch.Select(r => r.Id).Order(), items.Skip(1).Select(i => i.GetProperty("id").GetGuid()).Order());

        // Pages of 3 (the seven batch rows share one timestamp: the id breaks the tie) add up to the whole list, in its order.
        var paged = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(client, "?limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null);
        Assert.Equal(3, pages);
        Assert.Equal(items.Select(i => i.GetProperty("id").GetGuid()), paged);

        // Filters, alone and together.
        Assert.Equal([batch[3].Id], Ids(await PageAsync(client, "?patientId=pt-3")));
        var level = batch[0].Level;
        Assert.Equal(batch.Where(r => r.Level == level).Select(r => r.Id).Order(), Ids(await PageAsync(client, $"?level={level.ToLowerInvariant()}&to={Uri.EscapeDataString(singleAt.ToString("O"))}&limit=100")).Order());
        Assert.Equal([single.GetProperty("id").GetGuid()], Ids(await PageAsync(client, $"?from={Uri.EscapeDataString(singleAt.ToString("O"))}")));
        Assert.Equal(7, Ids(await PageAsync(client, $"?to={Uri.EscapeDataString(singleAt.ToString("O"))}")).Count);
        Assert.Equal(8, Ids(await PageAsync(client, "?model=iit-risk&version=1&degraded=false&hasOutcome=false")).Count);
        Assert.Empty(Ids(await PageAsync(client, "?version=2")));

        foreach (var (query, field) in new[] { ("?limit=0", "limit"), ("?limit=501", "limit"), ("?level=Severe", "level"), ("?level=2", "level"), ("?cursor=bm90LWEtY3Vyc29y", "cursor"), ("?cursor=%25%25", "cursor"),
                     ($"?from={Uri.EscapeDataString(singleAt.ToString("O"))}&to={Uri.EscapeDataString(singleAt.AddDays(-1).ToString("O"))}", "from") })
        {
            using var refused = await client.GetAsync("/v1/predictions" + query, Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await Problem.ReadAsync(refused)).GetProperty("errors").TryGetProperty(field, out _), $"{query} names {field}");
        }

        // Another tenant lists nothing of this one's.
        var other = await TenantClientAsync(tenancy);
        Assert.Empty(Ids(await PageAsync(other, "?limit=500")));
        Assert.Empty(Ids(await PageAsync(other, "?patientId=pt-3")));
    }

    [Fact]
    public async Task Reported_outcomes_are_kept_once_per_prediction_published_and_measured_per_model_version()
    {
        using var tenancy = new TenancyClient(fixture);
        var client = await TenantClientAsync(tenancy);
        var rows = await BatchAsync(client, 12);
        await using var events = await EventTap.StartAsync(servers.Infra.RabbitMq.ConnectionString(fixture.Platform.Tag), "Platform.Contracts.Predictions:PredictionOutcomeRecorded");

        // Outcomes for the first ten: every third one interrupted.
        var reported = rows.Take(10).Select((r, i) => (r.Id, r.Risk, Interrupted: i % 3 == 0)).ToList();
        foreach (var (id, _, interrupted) in reported)
        {
            using var created = await client.SendAsync(Post(new { interrupted }, $"/v1/predictions/{id}/outcome"), Cancel);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // The same report again (a new request, not the gateway's replay of a key) is answered as the first; another is a conflict; bad ones are 400s; others' ids are 404s.
        var (firstId, _, firstInterrupted) = reported[0];
        using (var again = await client.SendAsync(Post(new { interrupted = firstInterrupted }, $"/v1/predictions/{firstId}/outcome"), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(firstInterrupted, (await again.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("interrupted").GetBoolean());
        }
        await ExpectAsync(client, firstId, new { interrupted = !firstInterrupted }, HttpStatusCode.Conflict, null);
        await ExpectAsync(client, rows[10].Id, new { }, HttpStatusCode.BadRequest, "interrupted");
        await ExpectAsync(client, rows[10].Id, new { interrupted = true, observedAt = DateTimeOffset.UtcNow.AddDays(-30) }, HttpStatusCode.BadRequest, "observedAt");
        await ExpectAsync(client, rows[10].Id, new { interrupted = true, observedAt = DateTimeOffset.UtcNow.AddDays(2) }, HttpStatusCode.BadRequest, "observedAt");
        await ExpectAsync(client, Guid.NewGuid(), new { interrupted = true }, HttpStatusCode.NotFound, null);
        var other = await TenantClientAsync(tenancy);
        await ExpectAsync(other, rows[11].Id, new { interrupted = true }, HttpStatusCode.NotFound, null);

        // Listed with their outcome; the rest as open.
        var settled = (await PageAsync(client, "?hasOutcome=true&limit=100")).GetProperty("items").EnumerateArray()
            .ToDictionary(i => i.GetProperty("id").GetGuid(), i => i.GetProperty("interrupted").GetBoolean());
        Assert.Equal(reported.ToDictionary(r => r.Id, r => r.Interrupted), settled);
        var open = (await PageAsync(client, "?hasOutcome=false")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { rows[10].Id, rows[11].Id }.Order(), open.Select(i => i.GetProperty("id").GetGuid()).Order());
        Assert.All(open, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("interrupted").ValueKind));

        // Accuracy, checked against a pairwise AUC and the Brier score computed here.
        var accuracy = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/v1/predictions/accuracy", Cancel)).EnumerateArray());
        var positives = reported.Where(r => r.Interrupted).Select(r => r.Risk).ToList();
        var negatives = reported.Where(r => !r.Interrupted).Select(r => r.Risk).ToList();
        var auc = positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0)) / (positives.Count * negatives.Count);
        var brier = reported.Average(r => Math.Pow(r.Risk - (r.Interrupted ? 1 : 0), 2));
        Assert.Equal(("iit-risk", 1, 10, 4), (accuracy.GetProperty("model").GetString(), accuracy.GetProperty("modelVersion").GetInt32(), accuracy.GetProperty("outcomes").GetInt32(), accuracy.GetProperty("interrupted").GetInt32()));
        Assert.Equal(auc, accuracy.GetProperty("auc").GetDouble(), 12);
        Assert.Equal(brier, accuracy.GetProperty("brier").GetDouble(), 12);
        Assert.Equal(reported.Average(r => r.Risk), accuracy.GetProperty("meanPredicted").GetDouble(), 12);
        var artifact = ModelArtifactJson.Read(File.ReadAllText(Path.Combine(servers.RepositoryRoot, "Services/Prediction/Models/iit-risk.v1.json")), "iit-risk.v1.json");
        Assert.Equal(artifact.Training.Auc, accuracy.GetProperty("trainingAuc").GetDouble());
        Assert.Equal(10, accuracy.GetProperty("calibration").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()));
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/v1/predictions/accuracy", Cancel)).EnumerateArray());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/v1/predictions/accuracy?version=2", Cancel)).EnumerateArray());

        // Each outcome left through the outbox once, with the prediction it settles and no patient id.
        var published = await events.TakeAsync(10, TimeSpan.FromSeconds(20));
        Assert.Equal(reported.ToDictionary(r => r.Id, r => r.Interrupted),
            published.ToDictionary(m => m.GetProperty("predictionId").GetGuid(), m => m.GetProperty("interrupted").GetBoolean()));
        Assert.All(published, m => Assert.False(m.TryGetProperty("patientId", out _)));
        Assert.Equal(reported.Single(r => r.Id == firstId).Risk, published.Single(m => m.GetProperty("predictionId").GetGuid() == firstId).GetProperty("risk").GetDouble());
    }

    private sealed record Row(Guid Id, double Risk, string Level);

    /// <summary>One batch of <paramref name="count"/> patients pt-0…, adherence rising so risks differ.</summary>
    private static async Task<List<Row>> BatchAsync(HttpClient client, int count)
    {
        var rows = Enumerable.Range(0, count).Select(i =>
        {
            var features = Patient();
            features["adherence_pct"] = 40 + 5 * i;
            features["missed_appointments_6m"] = i % 4;
            return new { patientId = $"pt-{i}", features };
        }).ToArray();
        using var response = await client.SendAsync(Post(new { rows }, "/v1/predictions/batch"), Cancel);
        var batch = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(count, batch.GetProperty("scored").GetInt32());
        return [.. batch.GetProperty("results").EnumerateArray().Select(r => new Row(r.GetProperty("id").GetGuid(), r.GetProperty("risk").GetDouble(), r.GetProperty("level").GetString()!))];
    }

    private static async Task<JsonElement> PredictOneAsync(HttpClient client, string patientId, Dictionary<string, object> features)
    {
        using var response = await client.SendAsync(Post(new { patientId, features }), Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/v1/predictions" + query, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid())];

    private static async Task ExpectAsync(HttpClient client, Guid id, object body, HttpStatusCode expected, string? errorField)
    {
        using var response = await client.SendAsync(Post(body, $"/v1/predictions/{id}/outcome"), Cancel);
        Assert.Equal(expected, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        if (errorField is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(errorField, out _), $"the problem names {errorField}");
    }

    private Task<HttpClient> TenantClientAsync(TenancyClient tenancy) => tenancy.NewTenantClientAsync(fixture.Platform, TestTags.New("hist"));

    /// <summary>
    /// A private queue bound to a message type's exchange (declared here as MassTransit declares it:
    /// durable fanout), so a test sees exactly what a consumer of that type would receive.
    /// </summary>
    private sealed class EventTap : IAsyncDisposable
    {
        private readonly IConnection _connection;
        private readonly IChannel _channel;
        private readonly string _queue;

        private EventTap(IConnection connection, IChannel channel, string queue) => (_connection, _channel, _queue) = (connection, channel, queue);

        public static async Task<EventTap> StartAsync(string amqpUri, string exchange)
        {
            var connection = await new ConnectionFactory { Uri = new Uri(amqpUri) }.CreateConnectionAsync(Cancel);
            var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: Cancel);
            var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: Cancel)).QueueName;
            await channel.QueueBindAsync(queue, exchange, "", cancellationToken: Cancel);
            return new EventTap(connection, channel, queue);
        }

        /// <summary>The <c>message</c> of each of the next <paramref name="count"/> envelopes.</summary>
        public async Task<List<JsonElement>> TakeAsync(int count, TimeSpan timeout)
        {
            var messages = new List<JsonElement>();
            var deadline = DateTime.UtcNow + timeout;
            while (messages.Count < count && DateTime.UtcNow < deadline)
            {
                if (await _channel.BasicGetAsync(_queue, autoAck: true, Cancel) is { } delivery)
                    messages.Add(JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span)).RootElement.GetProperty("message").Clone());
                else await Task.Delay(50, Cancel);
            }
            Assert.Equal(count, messages.Count);
            await Task.Delay(300, Cancel);
            Assert.Null(await _channel.BasicGetAsync(_queue, autoAck: true, Cancel)); // and no more
            return messages;
        }

        public async ValueTask DisposeAsync()
        {
            await _channel.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
