using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.Prediction.Predictions;

/// <summary>
/// The tenancy service's prediction quota: units are consumed before scoring and given back when
/// the work they paid for did not happen. A refusal comes back as tenancy's own problem document
/// (429 quota-exceeded, 403 suspended), so the caller can pass it on unchanged.
/// </summary>
public sealed class QuotaClient(HttpClient http)
{
    private const string Metric = "predictions";

    /// <summary>
    /// With <paramref name="allowPartial"/>, as many of <paramref name="units"/> as are left (a batch
    /// scores what fits and reports the rest); a refusal only when none are.
    /// </summary>
    public async Task<QuotaGrant> ConsumeAsync(string tenantId, int units, bool allowPartial, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/internal/quotas/{Uri.EscapeDataString(tenantId)}/{Metric}/consume", new { units, allowPartial }, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (response.IsSuccessStatusCode)
            return new QuotaGrant(body.GetProperty("granted").GetInt32(), body.GetProperty("resetAt").GetDateTimeOffset(), null);
        return new QuotaGrant(0, null, new QuotaRefusal(response.StatusCode, body, response.Headers.RetryAfter?.ToString()));
    }

    public async Task ReleaseAsync(string tenantId, int units, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"/internal/quotas/{Uri.EscapeDataString(tenantId)}/{Metric}/release", new { units }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
