using System.Net;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Resilience;

namespace Platform.Observability.Apis.CircuitBreakers;

/// <summary>
/// Calls the internal <c>/admin/circuit-breakers</c> API of each service this one knows through
/// service discovery (<c>services:{name}:http:0</c>); its own breakers are read in process.
/// </summary>
public sealed class ServiceAdminClient(IHttpClientFactory clients, IConfiguration configuration, CircuitBreakerRegistry local, DegradationAssessor self)
{
    public string Self => self.Service;

    public IReadOnlyList<string> Services =>
        [.. configuration.GetSection("services").GetChildren().Select(s => s.Key).Where(s => s != Self && s != "self").Order(StringComparer.Ordinal), Self];

    public bool Knows(string service) => Services.Contains(service, StringComparer.Ordinal);

    public async Task<ServiceBreakers> ListAsync(string service, CancellationToken cancellationToken)
    {
        if (service == Self) return new ServiceBreakers(service, local.All.Select(b => b.Snapshot()).ToList(), null);
        try
        {
            using var client = clients.CreateClient("admin");
            var breakers = await client.GetFromJsonAsync<CircuitBreakerSnapshot[]>($"http://{service}/admin/circuit-breakers", cancellationToken);
            return new ServiceBreakers(service, breakers ?? [], null);
        }
        catch (Exception ex) when (HttpFailure.IsUnreachable(ex) || ex is System.Text.Json.JsonException)
        {
            return new ServiceBreakers(service, [], ex.GetBaseException().Message);
        }
    }

    /// <summary>Runs GET (action null) or POST reset|isolate against one breaker; null when the service has no such breaker.</summary>
    public async Task<CircuitBreakerSnapshot?> OneAsync(string service, string name, string? action, CancellationToken cancellationToken)
    {
        if (service == Self)
        {
            if (!local.TryGet(name, out var breaker)) return null;
            if (action == "reset") await breaker.ResetAsync();
            if (action == "isolate") await breaker.IsolateAsync();
            return breaker.Snapshot();
        }
        using var client = clients.CreateClient("admin");
        var path = $"http://{service}/admin/circuit-breakers/{Uri.EscapeDataString(name)}" + (action is null ? "" : "/" + action);
        using var response = action is null ? await client.GetAsync(path, cancellationToken) : await client.PostAsync(path, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CircuitBreakerSnapshot>(cancellationToken);
    }
}
