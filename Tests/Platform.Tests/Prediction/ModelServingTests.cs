using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Prediction.Scoring.Artifacts;
using Platform.Tests.Infrastructure;
using Platform.Tests.Tenancy;
using static Platform.Tests.Prediction.PredictionRequests;

namespace Platform.Tests.Prediction;

/// <summary>
/// Which version serves, against a real prediction service behind the gateway: a newest artifact
/// that cannot load, a version whose scores overflow for some patients, the per-version breaker,
/// the degradation level, and the operator's rollback and activation (stored, so every instance
/// follows them).
/// </summary>
public sealed class ModelServingTests(PlatformServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_previous_version_stands_in_degraded_when_the_intended_one_cannot_load_or_score_and_operators_roll_back_and_activate()
    {
        var shipped = ServedModels.Shipped(servers);
        var v1 = ModelArtifactJson.Read(shipped, "iit-risk.v1.json");
        await using var served = await ServedModels.StartAsync(servers, "served", new Dictionary<string, string>
        {
            ["iit-risk.v1.json"] = shipped,
            ["iit-risk.v2.json"] = ModelArtifactJson.Write(Overflowing(v1)),
            ["iit-risk.v3.json"] = shipped[..300], // torn: refused at load
        });
        var platform = served.Platform;
        using var tenancy = TenancyClient.Of(platform);
        var admin = tenancy.Admin;
        using var client = await tenancy.NewTenantClientAsync(platform, TestTags.New("served"));
        using var service = new HttpClient { BaseAddress = platform[PlatformProject.Prediction].BaseAddress };

        // v3 is the newest artifact but did not load: v2 serves in its place, and says so everywhere.
        var status = await StatusAsync(admin);
        Assert.Equal(3, status.GetProperty("intendedVersion").GetInt32());
        Assert.Equal(2, status.GetProperty("servingVersion").GetInt32());
        Assert.True(status.GetProperty("degraded").GetBoolean());
        Assert.Equal("iit-risk v3 could not be loaded", status.GetProperty("reason").GetString());
        Assert.Equal([1, 2], status.GetProperty("loadedVersions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal("iit-risk.v3.json", Assert.Single(status.GetProperty("refused").EnumerateArray()).GetProperty("file").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("activation").ValueKind);
        var listed = await client.GetFromJsonAsync<JsonElement>("/v1/models", Cancel);
        Assert.Equal([(1, false, false), (2, true, true)], listed.EnumerateArray().Select(m => (m.GetProperty("version").GetInt32(), m.GetProperty("active").GetBoolean(), m.GetProperty("degraded").GetBoolean())));
        Assert.Equal("Degraded", (await service.GetFromJsonAsync<JsonElement>("/health", Cancel)).GetProperty("status").GetString());
        Assert.Equal("Minor", await LevelAsync(service));

        // v2 scores a young patient (its logit overflows only from age 60): answered by v2, degraded, stored as answered.
        var young = await PredictAsync(client, Patient());
        Assert.Equal((2, true), (young.GetProperty("modelVersion").GetInt32(), young.GetProperty("degraded").GetBoolean()));
        Assert.Equal(young.GetRawText(), (await client.GetFromJsonAsync<JsonElement>($"/v1/predictions/{young.GetProperty("id").GetGuid()}", Cancel)).GetRawText());

        // An older patient overflows v2: v1 answers with exactly its own score, still degraded.
        var older = Patient();
        older["age"] = 70;
        var byV1 = await PredictAsync(client, older);
        Assert.Equal((1, true), (byV1.GetProperty("modelVersion").GetInt32(), byV1.GetProperty("degraded").GetBoolean()));
        Assert.Equal(1 / (1 + Math.Exp(-LogitByHand(v1, older))), byV1.GetProperty("risk").GetDouble(), 12);
        Assert.Equal("Closed", (await StatusAsync(admin)).GetProperty("breaker").GetString()); // 1 failure in 2 calls: below the 3-call minimum

        // The second failure opens v2's breaker (2 of 3 calls failed): now v1 scores everyone, and the level rises.
        Assert.Equal(1, (await PredictAsync(client, older)).GetProperty("modelVersion").GetInt32());
        status = await StatusAsync(admin);
        Assert.Equal(("Open", 1), (status.GetProperty("breaker").GetString(), status.GetProperty("servingVersion").GetInt32()));
        Assert.Equal("iit-risk v2's circuit breaker is open", status.GetProperty("reason").GetString());
        var youngAgain = await PredictAsync(client, Patient());
        Assert.Equal((1, true), (youngAgain.GetProperty("modelVersion").GetInt32(), youngAgain.GetProperty("degraded").GetBoolean()));
        Assert.Equal("Moderate", await LevelAsync(service));
        using (var batch = await client.SendAsync(Post(new { rows = new[] { new { patientId = "pt-y", features = Patient() }, new { patientId = "pt-o", features = older } } }, "/v1/predictions/batch"), Cancel))
        {
            var scored = await batch.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(Cancel);
            Assert.Equal((1, true, 2), (scored.GetProperty("modelVersion").GetInt32(), scored.GetProperty("degraded").GetBoolean(), scored.GetProperty("scored").GetInt32()));
        }

        // A patient only v2 can read (it takes ages up to 100, v1 up to 90): with v2 broken nothing can score it.
        var beyondV1 = Patient();
        beyondV1["age"] = 95;
        using (var unreadable = await client.SendAsync(Post(new { patientId = "pt-95", features = beyondV1 }), Cancel))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unreadable.StatusCode);
            Assert.Contains("v1 cannot read this input", (await Problem.ReadAsync(unreadable)).GetProperty("detail").GetString());
        }

        // Young, two older, young again, and the batch's two rows; never the 503s (their units went back).
        await SettledUsageAsync(client, 6);
        // A request naming v2 gets v2 or nothing: a 503 problem, and not charged.
        using (var exact = await client.SendAsync(Post(new { patientId = "pt-v2", features = older, version = 2 }), Cancel))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, exact.StatusCode);
            Assert.Equal("/problems/model-unavailable", (await Problem.ReadAsync(exact)).GetProperty("type").GetString());
        }
        await SettledUsageAsync(client, 6);

        // Rolling back from v3 reaches v2 (breaker still open: v1 stands in), once more reaches v1: nothing degraded.
        status = await PostStatusAsync(admin, "/v1/admin/models/iit-risk/rollback", null);
        Assert.Equal((2, 1, true), (status.GetProperty("intendedVersion").GetInt32(), status.GetProperty("servingVersion").GetInt32(), status.GetProperty("degraded").GetBoolean()));
        Assert.Equal((2, 3), (status.GetProperty("activation").GetProperty("version").GetInt32(), status.GetProperty("activation").GetProperty("previousVersion").GetInt32()));
        status = await PostStatusAsync(admin, "/v1/admin/models/iit-risk/rollback", null);
        Assert.Equal((1, 1, false), (status.GetProperty("intendedVersion").GetInt32(), status.GetProperty("servingVersion").GetInt32(), status.GetProperty("degraded").GetBoolean()));
        var settled = await PredictAsync(client, Patient());
        Assert.Equal((1, false), (settled.GetProperty("modelVersion").GetInt32(), settled.GetProperty("degraded").GetBoolean()));
        listed = await client.GetFromJsonAsync<JsonElement>("/v1/models", Cancel);
        Assert.Equal([(1, true, false), (2, false, false)], listed.EnumerateArray().Select(m => (m.GetProperty("version").GetInt32(), m.GetProperty("active").GetBoolean(), m.GetProperty("degraded").GetBoolean())));
        using (var nothingOlder = await admin.PostAsync("/v1/admin/models/iit-risk/rollback", null, Cancel))
            Assert.Equal(HttpStatusCode.Conflict, nothingOlder.StatusCode);

        // Activation takes loaded versions only, and only from the platform admin.
        await ExpectAsync(admin, "/v1/admin/models/iit-risk/activate", new { version = 3 }, HttpStatusCode.Conflict, "not a readable artifact");
        await ExpectAsync(admin, "/v1/admin/models/iit-risk/activate", new { version = 9 }, HttpStatusCode.NotFound, "has no v9");
        await ExpectAsync(admin, "/v1/admin/models/iit-risk/activate", new { }, HttpStatusCode.BadRequest, null);
        await ExpectAsync(admin, "/v1/admin/models/other-risk/activate", new { version = 1 }, HttpStatusCode.NotFound, "No artifact");
        await ExpectAsync(client, "/v1/admin/models/iit-risk/activate", new { version = 2 }, HttpStatusCode.Forbidden, null);
        status = await PostStatusAsync(admin, "/v1/admin/models/iit-risk/activate", new { version = 2 });
        Assert.Equal((2, 1, true), (status.GetProperty("intendedVersion").GetInt32(), status.GetProperty("servingVersion").GetInt32(), status.GetProperty("degraded").GetBoolean()));

        // The choice lives in the database: one written there (as another instance's admin call would)
        // reaches this instance within its refresh interval.
        await using (var connection = new Npgsql.NpgsqlConnection(servers.Infra.Postgres.ForDatabase($"predictiondb_{platform.Tag}")))
        {
            await connection.OpenAsync(Cancel);
            await using var update = new Npgsql.NpgsqlCommand("UPDATE prediction.model_activations SET version = 1, previous_version = 2 WHERE name = 'iit-risk'", connection);
            Assert.Equal(1, await update.ExecuteNonQueryAsync(Cancel));
        }
        await Eventually.Until(() => StatusAsync(admin), s => s.GetProperty("intendedVersion").GetInt32() == 1 && !s.GetProperty("degraded").GetBoolean(),
            TimeSpan.FromSeconds(10), "the activation written to the database to be served");
    }

    /// <summary>
    /// v1 with age and months on treatment used unstandardised and weighted ±3·10³⁰⁶: a valid
    /// artifact whose logit is finite for young patients but overflows to infinity from age 60. It
    /// takes ages up to 100 (v1: 90), so it reads input differently and a fallback to v1 reads the
    /// request again.
    /// </summary>
    private static ModelArtifact Overflowing(ModelArtifact v1) => v1 with
    {
        Version = 2,
        Features = [.. v1.Features.Select(f => f.Name == "age" ? f with { Max = 100 } : f)],
        Preprocessing = [.. v1.Preprocessing.Where(p => p.Feature is not ("age" or "months_on_treatment"))],
        Coefficients = new Dictionary<string, double>(v1.Coefficients) { ["age"] = 3e306, ["months_on_treatment"] = -3e306 },
    };

    private static async Task<JsonElement> PredictAsync(HttpClient client, Dictionary<string, object> features)
    {
        using var response = await client.SendAsync(Post(new { patientId = "pt-" + Guid.NewGuid().ToString("N")[..8], features }), Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient admin) =>
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/v1/admin/models", Cancel)).EnumerateArray());

    private static async Task<JsonElement> PostStatusAsync(HttpClient admin, string path, object? body)
    {
        using var response = body is null ? await admin.PostAsync(path, null, Cancel) : await admin.PostAsJsonAsync(path, body, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private static async Task ExpectAsync(HttpClient client, string path, object body, HttpStatusCode expected, string? detail)
    {
        using var response = await client.PostAsJsonAsync(path, body, Cancel);
        Assert.Equal(expected, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        if (detail is not null) Assert.Contains(detail, problem.GetProperty("detail").GetString());
    }

    private static async Task<string?> LevelAsync(HttpClient service) =>
        (await service.GetFromJsonAsync<JsonElement>("/health/degradation", Cancel)).GetProperty("level").GetString();
}
