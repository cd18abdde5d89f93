using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Http;

namespace Platform.Prediction.Predictions;

/// <summary>
/// The tenancy service's prediction quota: units are consumed before scoring and given back when
/// the work they paid for did not happen. A refusal comes back as tenancy's own problem document
/// (429 quota-exceeded, 403 suspended), so the caller can pass it on unchanged. Tenancy failing
/// to answer is not a refusal: <see cref="QuotaUnavailableException"/>.
/// </summary>
public sealed class QuotaClient(HttpClient http)
{
    private const string Metric = "predictions";

    /// <summary>
    /// With <paramref name="allowPartial"/>, as many of <paramref name="units"/> as are left (a batch
    /// scores what fits and reports the rest); a refusal only when none are.
    /// </summary>
    /// <exception cref="QuotaUnavailableException">Tenancy did not answer, or failed; nothing was charged.</exception>
    public async Task<QuotaGrant> ConsumeAsync(string tenantId, int units, bool allowPartial, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync($"/internal/quotas/{Uri.EscapeDataString(tenantId)}/{Metric}/consume", new { units, allowPartial }, cancellationToken);
        }
        catch (Exception ex) when (HttpFailure.IsUnreachable(ex))
        {
            throw new QuotaUnavailableException("Tenancy, which keeps the quota, cannot be reached.", ex);
        }
        using var _ = response;
        // Tenancy's own failure is not a refusal to pass on to the client as if it were its answer.
        if ((int)response.StatusCode >= 500) throw new QuotaUnavailableException($"Tenancy, which keeps the quota, failed ({(int)response.StatusCode}).");
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
