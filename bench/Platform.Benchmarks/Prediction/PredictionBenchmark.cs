using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Platform.LocalInfra;
using Platform.Prediction.Scoring.Training;

namespace Platform.Benchmarks.Prediction;

/// <summary>
/// Server time of <c>POST /v1/predictions/batch</c> with 1,000 rows (the prediction service
/// called directly with the tenant header the gateway would set, so the time is the service's:
/// input checks, quota at tenancy, scoring, storing 1,000 predictions and their events), against
/// the same 1,000 patients sent as single predictions one after another, in the same run.
/// </summary>
public static class PredictionBenchmark
{
    private const int Rows = 1_000;
    private const int Runs = 15;
    private const string AdminKey = "bench-admin-key-0123456789abcdef0123456789";

    public static async Task<bool> RunAsync(string root, string directory)
    {
        Console.WriteLine("prediction: starting PostgreSQL, RabbitMQ and Redis …");
        await using var infra = await LocalInfrastructure.StartAsync(
            new LocalInfraOptions { RunDirectory = Path.Combine(directory, "servers"), RepositoryRoot = root }, new Progress<string>(m => Console.WriteLine($"  {m}")));
        await infra.RabbitMq.CreateVirtualHostAsync("bench-prediction");
        var common = new Dictionary<string, string?>
        {
            ["ConnectionStrings__messaging"] = infra.RabbitMq.ConnectionString("bench-prediction"),
            ["ConnectionStrings__redis"] = infra.Redis,
            ["Platform__AdminKey"] = AdminKey,
            ["Tenancy__ApiKeys__HashKey"] = "bench-hash-key-0123456789abcdef0123456789",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        Console.WriteLine("prediction: starting the tenancy and prediction services (Release) …");
        await using var tenancy = await ProjectProcess.StartAsync("tenancy", RepositoryLayout.ProjectAssembly(root, "Services/Tenancy", "Platform.Tenancy", "Release"),
            new Dictionary<string, string?>(common) { ["ConnectionStrings__tenancydb"] = infra.Postgres.ForDatabase("tenancydb_bench") },
            Path.Combine(directory, "tenancy.log"));
        await using var prediction = await ProjectProcess.StartAsync("prediction", RepositoryLayout.ProjectAssembly(root, "Services/Prediction", "Platform.Prediction", "Release"),
            new Dictionary<string, string?>(common)
            {
                ["ConnectionStrings__predictiondb"] = infra.Postgres.ForDatabase("predictiondb_bench"),
                ["services__tenancy__http__0"] = tenancy.BaseAddress.ToString(),
            },
            Path.Combine(directory, "prediction.log"));

        using (var admin = new HttpClient { BaseAddress = tenancy.BaseAddress })
        {
            admin.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
            using var created = await admin.PostAsJsonAsync("/v1/admin/tenants", new { id = "bench-clinic", name = "Bench clinic", tier = "enterprise" });
            created.EnsureSuccessStatusCode();
        }
        using var client = new HttpClient { BaseAddress = prediction.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Tenant-ID", "bench-clinic");
        client.DefaultRequestHeaders.Add("X-Tenant-Tier", "enterprise");

        var (features, _, _) = new SyntheticCohort(seed: 11).Generate(Rows);
        var rows = features.Select((f, i) => new
        {
            patientId = $"pt-{i}",
            features = SyntheticCohort.FeatureNames.Select((n, j) => (n, v: n == "recent_hospitalisation" ? (object)(f[j] == 1) : f[j])).ToDictionary(x => x.n, x => x.v),
        }).ToArray();

        Console.WriteLine($"prediction: {Runs} batches of {Rows:N0} rows after 3 warm-ups …");
        for (var i = 0; i < 3; i++) await BatchAsync(client, rows);
        var batches = new List<double>();
        for (var i = 0; i < Runs; i++) batches.Add(await BatchAsync(client, rows));
        batches.Sort();
        var median = batches[Runs / 2];

        Console.WriteLine($"prediction: the same {Rows:N0} patients as single predictions, one after another …");
        for (var i = 0; i < 50; i++) await SingleAsync(client, rows[i]);
        var clock = Stopwatch.StartNew();
        foreach (var row in rows) await SingleAsync(client, row);
        var singles = clock.Elapsed.TotalMilliseconds;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  batch of {Rows:N0}: median {median:0.0} ms, fastest {batches[0]:0.0} ms, slowest {batches[^1]:0.0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Rows:N0} single predictions: {singles:0} ms ({singles / Rows:0.00} ms each); the batch is {singles / median:0.0}x faster"));
        var met = median < 50;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"target POST /v1/predictions/batch with 1,000 rows < 50 ms ({median:0.0} ms): {(met ? "met" : "MISSED")}"));
        return met;
    }

    private static async Task<double> BatchAsync(HttpClient client, object[] rows)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.PostAsJsonAsync("/v1/predictions/batch", new { rows });
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task SingleAsync(HttpClient client, object row)
    {
        using var response = await client.PostAsJsonAsync("/v1/predictions", row);
        response.EnsureSuccessStatusCode();
    }
}
