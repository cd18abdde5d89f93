using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Prediction.Scoring.Artifacts;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;

namespace Platform.Tests.Prediction;

/// <summary>Scoring one patient through the gateway: the exact score, what is stored, what is charged, who can read it.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PredictionApiTests(PlatformFixture fixture, PlatformServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, object> Patient = PredictionRequests.Patient();

    [Fact]
    public async Task A_patient_is_scored_exactly_as_the_artifact_says_stored_for_its_tenant_only_and_charged_once()
    {
        using var tenancy = new TenancyClient(fixture);
        var (tenant, client) = await TenantAsync(tenancy);

        using var created = await client.SendAsync(Post(new { patientId = "pt-7f3a", features = Patient }), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var prediction = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        // By hand from the shipped artifact: intercept + Σ coefficient × (value − mean) / sd.
        var artifact = ModelArtifactJson.Read(File.ReadAllText(Path.Combine(servers.RepositoryRoot, "Services/Prediction/Models/iit-risk.v1.json")), "iit-risk.v1.json");
        var logit = PredictionRequests.LogitByHand(artifact, Patient);
        var risk = 1 / (1 + Math.Exp(-logit));
        Assert.Equal(risk, prediction.GetProperty("risk").GetDouble(), 12);
        Assert.Equal(logit, prediction.GetProperty("logit").GetDouble(), 10);
        Assert.Equal(risk >= artifact.Thresholds.Critical ? "Critical" : risk >= artifact.Thresholds.High ? "High" : risk >= artifact.Thresholds.Medium ? "Medium" : "Low",
            prediction.GetProperty("level").GetString());
        Assert.Equal("iit-risk", prediction.GetProperty("model").GetString());
        Assert.Equal(1, prediction.GetProperty("modelVersion").GetInt32());
        Assert.False(prediction.GetProperty("degraded").GetBoolean());
        var factors = prediction.GetProperty("factors").EnumerateArray().ToList();
        Assert.Equal(7, factors.Count);
        Assert.Equal(logit, prediction.GetProperty("baseline").GetDouble() + factors.Sum(f => f.GetProperty("contribution").GetDouble()), 10);
        Assert.Equal(factors.Select(f => Math.Abs(f.GetProperty("contribution").GetDouble())).OrderDescending(), factors.Select(f => Math.Abs(f.GetProperty("contribution").GetDouble())));

        // Read back by its tenant, identical; another tenant's key finds nothing.
        var id = prediction.GetProperty("id").GetGuid();
        Assert.Equal($"/v1/predictions/{id}", created.Headers.Location?.OriginalString);
        var read = await client.GetFromJsonAsync<JsonElement>($"/v1/predictions/{id}", Cancel);
        Assert.Equal(prediction.GetRawText(), read.GetRawText());
        var (_, other) = await TenantAsync(tenancy);
        using var foreign = await other.GetAsync($"/v1/predictions/{id}", Cancel);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        Assert.Equal(1, await UsedAsync(client));
        await InferenceBilledAsync(client, tenant, rows: 1);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_is_never_charged()
    {
        using var tenancy = new TenancyClient(fixture);
        var (_, client) = await TenantAsync(tenancy);
        var bad = new Dictionary<string, object>(Patient) { ["age"] = 130, ["weight"] = 70, ["recent_hospitalisation"] = "yes" };
        bad.Remove("adherence_pct");

        using var refused = await client.SendAsync(Post(new { patientId = "pt-1", features = bad }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await Problem.ReadAsync(refused)).GetProperty("errors");
        Assert.Equal(["features.adherence_pct", "features.age", "features.recent_hospitalisation", "features.weight"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("must be between 18 and 90", errors.GetProperty("features.age")[0].GetString());

        foreach (var body in new object[]
        {
            new { patientId = "Jane Doe", features = Patient },            // a name, not an opaque id
            new { patientId = "pt-1", features = Patient, version = 9 },  // no such version
            new { patientId = "pt-1", features = "age=40" },               // features not an object
        })
        {
            using var response = await client.SendAsync(Post(body), Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            await Problem.ReadAsync(response);
        }
        Assert.Equal(0, await UsedAsync(client));
    }

    [Fact]
    public async Task A_batch_scores_its_valid_rows_reports_bad_ones_and_stops_charging_where_the_quota_ends()
    {
        using var tenancy = new TenancyClient(fixture);
        var (tenant, client) = await TenantAsync(tenancy, "free"); // 1,000 predictions a month
        using (var used = await tenancy.Service.PostAsJsonAsync($"/internal/quotas/{tenant}/predictions/consume", new { units = 996 }, Cancel))
            used.EnsureSuccessStatusCode();

        var rows = new object[]
        {
            new { patientId = "pt-a", features = Patient },
            new { patientId = "pt-b", features = new Dictionary<string, object>(Patient) { ["age"] = 5 } },
            new { patientId = "pt-c", features = new Dictionary<string, object>(Patient) { ["adherence_pct"] = 99 } },
            new { patientId = "Jane Doe", features = Patient },
            new { patientId = "pt-e", features = Patient },
            new { patientId = "pt-f", features = Patient },
            new { patientId = "pt-g", features = Patient },
        };
        using var response = await client.SendAsync(Post(new { rows }, "/v1/predictions/batch"), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var batch = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);

        // Five valid rows, four units left: the first four valid rows are scored, the fifth is refused.
        Assert.Equal(4, batch.GetProperty("scored").GetInt32());
        Assert.Equal([0, 2, 4, 5], batch.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal([6], batch.GetProperty("quotaRefusedRows").EnumerateArray().Select(r => r.GetInt32()));
        Assert.Equal([(1, "age"), (3, "patientId")], batch.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())));
        var results = batch.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results[0].GetProperty("topFactors").GetArrayLength());
        Assert.True(results[1].GetProperty("risk").GetDouble() < results[0].GetProperty("risk").GetDouble(), "better adherence, lower risk");

        // Each scored row is a stored prediction, identical to scoring it alone.
        var single = await client.GetFromJsonAsync<JsonElement>($"/v1/predictions/{results[0].GetProperty("id").GetGuid()}", Cancel);
        Assert.Equal(results[0].GetProperty("risk").GetDouble(), single.GetProperty("risk").GetDouble());
        Assert.Equal("pt-a", single.GetProperty("patientId").GetString());

        Assert.Equal(1000, await UsedAsync(client));
        await InferenceBilledAsync(client, tenant, rows: 4);

        // Nothing left: tenancy's refusal comes back as it is.
        using var exhausted = await client.SendAsync(Post(new { rows = new[] { rows[0] } }, "/v1/predictions/batch"), Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, exhausted.StatusCode);
        Assert.Equal("/problems/quota-exceeded", (await Problem.ReadAsync(exhausted)).GetProperty("type").GetString());
        Assert.NotNull(exhausted.Headers.RetryAfter);

        // Too many rows for one batch: refused whole, before anything is read or charged.
        using var huge = await client.SendAsync(Post(new { rows = Enumerable.Repeat(rows[0], 10_001) }, "/v1/predictions/batch"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("at most 10000", (await Problem.ReadAsync(huge)).GetProperty("errors").GetProperty("rows")[0].GetString());
        Assert.Equal(1000, await UsedAsync(client));
    }

    [Fact]
    public async Task A_prediction_or_a_batch_is_stored_with_its_events_or_not_at_all()
    {
        using var tenancy = new TenancyClient(fixture);
        var (tenant, client) = await TenantAsync(tenancy);
        // For this tenant the database refuses one of the two inserts and notes the other in a side
        // table, in the insert's own transaction: a note left behind means it committed alone.
        var guard = "atomic_" + tenant.Replace('-', '_');
        var single = new { patientId = "pt-atomic", features = Patient };
        var batch = new { rows = new[] { single, new { patientId = "pt-atomic-2", features = Patient } } };
        await PredictionDbAsync($"""
            CREATE TABLE prediction.{guard}_seen (tbl text);
            CREATE FUNCTION prediction.{guard}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.tenant_id = '{tenant}' THEN
                IF TG_ARGV[0] = 'refuse' THEN RAISE EXCEPTION 'refused for this test'; END IF;
                INSERT INTO prediction.{guard}_seen VALUES (TG_TABLE_NAME);
              END IF;
              RETURN NEW;
            END $$;
            """);
        try
        {
            // Both ways round, whichever insert goes first; a single prediction (its INSERTs in one batch) and a
            // batch (the rows and their events by COPY) alike.
            foreach (var (refused, noted, path, body) in new[]
            {
                ("predictions", "outbox_messages", "/v1/predictions", (object)single),
                ("outbox_messages", "predictions", "/v1/predictions", (object)single),
                ("predictions", "outbox_messages", "/v1/predictions/batch", (object)batch),
                ("outbox_messages", "predictions", "/v1/predictions/batch", (object)batch),
            })
            {
                await PredictionDbAsync($"""
                    CREATE TRIGGER {guard} AFTER INSERT ON prediction.{refused} FOR EACH ROW EXECUTE FUNCTION prediction.{guard}('refuse');
                    CREATE TRIGGER {guard} AFTER INSERT ON prediction.{noted} FOR EACH ROW EXECUTE FUNCTION prediction.{guard}('note');
                    """);
                using var failed = await client.SendAsync(Post(body, path), Cancel);
                await PredictionDbAsync($"DROP TRIGGER {guard} ON prediction.{refused}; DROP TRIGGER {guard} ON prediction.{noted};");
                Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
                Assert.Equal(0L, await PredictionDbAsync($"SELECT count(*) FROM prediction.{guard}_seen"));
                Assert.Equal(0L, await PredictionDbAsync($"SELECT count(*) FROM prediction.predictions WHERE tenant_id = '{tenant}'"));
            }
        }
        finally
        {
            await PredictionDbAsync($"DROP FUNCTION prediction.{guard}() CASCADE; DROP TABLE prediction.{guard}_seen;");
        }
        // Charged for nothing: the units went back to the lease (or straight to tenancy, a batch's), and the lease back to tenancy.
        await PredictionRequests.SettledUsageAsync(client, 0);

        using var created = await client.SendAsync(Post(single), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var scored = await client.SendAsync(Post(batch, "/v1/predictions/batch"), Cancel);
        Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
        Assert.Equal(3L, await PredictionDbAsync($"SELECT count(*) FROM prediction.predictions WHERE tenant_id = '{tenant}'"));
        await InferenceBilledAsync(client, tenant, rows: 3);
    }

    private async Task<long> PredictionDbAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(servers.Infra.Postgres.ForDatabase($"predictiondb_{fixture.Platform.Tag}"));
        await connection.OpenAsync(Cancel);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Cancel) is long count ? count : -1;
    }

    private async Task<(string Tenant, HttpClient Client)> TenantAsync(TenancyClient tenancy, string tier = "professional")
    {
        var tenant = TestTags.New("pred");
        return (tenant, await tenancy.NewTenantClientAsync(fixture.Platform, tenant, tier));
    }

    // PredictionCompleted leaves through the outbox; tenancy bills its rows as inference.
    private static Task<decimal> InferenceBilledAsync(HttpClient client, string tenant, int rows) =>
        Eventually.Until(
            async () => (await client.GetFromJsonAsync<JsonElement>("/v1/usage", Cancel)).GetProperty("categories").EnumerateArray()
                .Where(c => c.GetProperty("category").GetString() == "inference").Sum(c => c.GetProperty("quantity").GetDecimal()),
            quantity => quantity == rows, TimeSpan.FromSeconds(20), $"{rows} inference rows billed to {tenant}");

    private static Task<long> UsedAsync(HttpClient client) => PredictionRequests.UsedAsync(client);

    private static HttpRequestMessage Post(object body, string path = "/v1/predictions") => PredictionRequests.Post(body, path);
}
