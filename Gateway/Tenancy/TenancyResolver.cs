using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Http;

namespace Platform.Gateway.Tenancy;

/// <summary>
/// Asks tenancy's <c>POST /internal/resolve</c> and keeps the answers for a short while. The cache
/// holds the lookup itself, so concurrent first requests with one key share a single call; keys
/// are cached under their SHA-256, never as text. A failed call is forgotten at once.
/// </summary>
public sealed partial class TenancyResolver(HttpClient http, IMemoryCache cache, IOptions<TenantResolutionOptions> options, ILogger<TenancyResolver> logger)
{
    public Task<TenantLookup> ByApiKeyAsync(string apiKey, CancellationToken cancellationToken) =>
        LookUpAsync("key:" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))), new { apiKey }, cancellationToken);

    public Task<TenantLookup> BySubdomainAsync(string subdomain, CancellationToken cancellationToken) =>
        LookUpAsync("sub:" + subdomain, new { subdomain }, cancellationToken);

    private async Task<TenantLookup> LookUpAsync(string cacheKey, object request, CancellationToken cancellationToken)
    {
        var lookup = cache.GetOrCreate(cacheKey, entry =>
        {
            // Until the answer is in, its time to live is the positive one; see below for the rest.
            entry.AbsoluteExpirationRelativeToNow = options.Value.CacheDuration;
            return new Lazy<Task<TenantLookup>>(() => AskAsync(request));
        })!;
        var result = await lookup.Value.WaitAsync(cancellationToken);
        if (result.Unavailable) cache.Remove(cacheKey);
        else if (result.Tenant is null) ShortenTo(cacheKey, lookup, options.Value.NegativeCacheDuration);
        return result;
    }

    private void ShortenTo(string cacheKey, Lazy<Task<TenantLookup>> lookup, TimeSpan duration)
    {
        if (cache.TryGetValue(cacheKey, out var current) && ReferenceEquals(current, lookup))
            cache.Set(cacheKey, lookup, duration);
    }

    // Not tied to any one caller's cancellation: other requests may be waiting on the same answer.
    private async Task<TenantLookup> AskAsync(object request)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await http.PostAsJsonAsync("/internal/resolve", request, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
                return TenantLookup.NotFound(problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "Not resolved." : "Not resolved.");
            }
            if (!response.IsSuccessStatusCode) return TenantLookup.CannotAsk($"tenancy answered {(int)response.StatusCode}");
            var tenant = await response.Content.ReadFromJsonAsync<TenantIdentity>(timeout.Token);
            return tenant is null ? TenantLookup.CannotAsk("tenancy sent an empty answer") : TenantLookup.Found(tenant);
        }
        catch (Exception ex) when (HttpFailure.IsUnreachable(ex) || ex is OperationCanceledException or JsonException)
        {
            LogUnavailable(logger, ex);
            return TenantLookup.CannotAsk("the tenancy service is unreachable");
        }
    }

    [LoggerMessage(LogLevel.Warning, "Tenant resolution failed: the tenancy service could not be asked")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
