using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Prediction.Scoring.Artifacts;
using Platform.Tests.Infrastructure;

namespace Platform.Tests.Prediction;

/// <summary>What the prediction tests send: a patient within every feature's range, and keyed POSTs as the gateway wants them.</summary>
internal static class PredictionRequests
{
    public static Dictionary<string, object> Patient() => new()
    {
        ["age"] = 24,
        ["months_on_treatment"] = 4,
        ["missed_appointments_6m"] = 5,
        ["last_viral_load_log10"] = 5.1,
        ["adherence_pct"] = 62,
        ["distance_km"] = 40,
        ["recent_hospitalisation"] = true,
    };

    /// <summary>
    /// The logit of <paramref name="patient"/> computed by hand from an artifact whose every
    /// feature is standardised: intercept + Σ coefficient × (value − mean) / sd.
    /// </summary>
    public static double LogitByHand(ModelArtifact artifact, IReadOnlyDictionary<string, object> patient) =>
        artifact.Intercept + artifact.Preprocessing.Sum(p =>
            artifact.Coefficients[p.Feature] * (Convert.ToDouble(patient[p.Feature] is bool b ? (b ? 1 : 0) : patient[p.Feature], CultureInfo.InvariantCulture) - p.Mean!.Value) / p.StandardDeviation!.Value);

    /// <summary>A POST with a fresh Idempotency-Key, which prediction routes require.</summary>
    public static HttpRequestMessage Post(object body, string path = "/v1/predictions")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return request;
    }

    /// <summary>
    /// Waits until tenancy reports <paramref name="expected"/> units used: single predictions spend
    /// units leased ahead, and what a lease did not spend goes back once it expires (one second by default).
    /// </summary>
    public static Task<long> SettledUsageAsync(HttpClient client, long expected) =>
        Eventually.Until(() => UsedAsync(client), used => used == expected, TimeSpan.FromSeconds(15), $"{expected} prediction units used once leases settle");

    /// <summary>Prediction units the calling tenant has used this period, as tenancy reports them.</summary>
    public static async Task<long> UsedAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/v1/usage", TestContext.Current.CancellationToken)).GetProperty("predictions").GetProperty("used").GetInt64();

    /// <summary>Waits for a job to leave the queue, and fails unless it completed.</summary>
    public static async Task<JsonElement> CompletedJobAsync(HttpClient client, Guid job, TimeSpan timeout) =>
        await Eventually.Until(() => client.GetFromJsonAsync<JsonElement>($"/v1/predictions/jobs/{job}", TestContext.Current.CancellationToken),
            j => j.GetProperty("status").GetString() != "Queued", timeout, $"job {job} to finish") is var finished
            && finished.GetProperty("status").GetString() == "Completed" ? finished : throw new Xunit.Sdk.XunitException($"job {job} ended {finished.GetRawText()}");
}
