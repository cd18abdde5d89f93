using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Prediction.Models;
using Platform.Prediction.Scoring.Artifacts;
using Platform.Tests.Foundation;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Prediction;

/// <summary>Which artifacts a prediction service serves, which it refuses and why, and what clients see.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ModelRegistryTests(PlatformFixture fixture, PlatformServers servers)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_loaded_and_refused_version_is_known_and_every_refused_file_says_why()
    {
        var directory = Directory.CreateTempSubdirectory("models-").FullName;
        try
        {
            var shipped = File.ReadAllText(Path.Combine(servers.RepositoryRoot, "Services/Prediction/Models/iit-risk.v1.json"));
            var v1 = ModelArtifactJson.Read(shipped, "iit-risk.v1.json");
            File.WriteAllText(Path.Combine(directory, "iit-risk.v1.json"), shipped);
            File.WriteAllText(Path.Combine(directory, "iit-risk.v2.json"), ModelArtifactJson.Write(v1 with { Version = 2 }));
            File.WriteAllText(Path.Combine(directory, "iit-risk.v3.json"), ModelArtifactJson.Write(v1 with
            {
                Version = 3,
                Preprocessing = [.. v1.Preprocessing.Select(p => p.Feature == "age" ? p with { StandardDeviation = 0 } : p)],
            }));
            File.WriteAllText(Path.Combine(directory, "renamed.v1.json"), shipped);
            File.WriteAllText(Path.Combine(directory, "torn.v1.json"), shipped[..200]);
            File.WriteAllText(Path.Combine(directory, "iit-risk.features.json"), "[]"); // not an artifact: ignored

            var registry = ModelRegistry.Load(directory);

            Assert.Equal([("iit-risk", 1), ("iit-risk", 2)], registry.Models.Select(m => (m.Name, m.Version)));
            // A refused file still counts as a version of its name (read from the file name): v3 is
            // the newest, so v2 serves in its place, degraded, rather than as if v3 never existed.
            Assert.Equal(["iit-risk", "renamed", "torn"], registry.Names);
            Assert.Equal(3, registry.NewestVersion("iit-risk"));
            Assert.Equal(2, registry.Below("iit-risk", 3)!.Version);
            Assert.Equal(1, registry.Below("iit-risk", 2)!.Version);
            Assert.Null(registry.Below("iit-risk", 1));
            Assert.True(registry.HasFile("iit-risk", 3));
            Assert.Null(registry.Find("iit-risk", 3));
            Assert.Null(registry.NewestVersion("no-such-model"));
            var refused = registry.Rejected.ToDictionary(r => r.File, r => string.Join("; ", r.Reasons));
            Assert.Equal(["iit-risk.v3.json", "renamed.v1.json", "torn.v1.json"], refused.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("feature 'age': standardise needs a positive, finite standardDeviation", refused["iit-risk.v3.json"]);
            Assert.Equal("the file name must be iit-risk.v1.json", refused["renamed.v1.json"]);
            Assert.StartsWith("not a readable artifact at", refused["torn.v1.json"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Clients_see_the_shipped_model_with_its_feature_schema_through_the_gateway()
    {
        var models = await fixture.TenantGateway.GetFromJsonAsync<JsonElement>("/v1/models", Cancel);
        var model = Assert.Single(models.EnumerateArray());
        Assert.Equal("iit-risk", model.GetProperty("name").GetString());
        Assert.Equal(1, model.GetProperty("version").GetInt32());
        Assert.True(model.GetProperty("active").GetBoolean());
        Assert.False(model.GetProperty("degraded").GetBoolean());
        Assert.Contains("SYNTHETIC", model.GetProperty("description").GetString());
        Assert.Equal(
            ["age", "months_on_treatment", "missed_appointments_6m", "last_viral_load_log10", "adherence_pct", "distance_km", "recent_hospitalisation"],
            model.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("number", model.GetProperty("features")[0].GetProperty("type").GetString());
        Assert.InRange(model.GetProperty("auc").GetDouble(), 0.7, 0.95);

        // Through the gateway only with a tenant's key, like every tenant route.
        using var anonymous = await fixture.Gateway.GetAsync("/v1/models", Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var prediction = fixture.Client(PlatformProject.Prediction);
        var health = await prediction.GetFromJsonAsync<JsonElement>("/health", Cancel);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
    }
}
