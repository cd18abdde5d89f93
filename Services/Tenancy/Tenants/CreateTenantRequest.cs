using System.Text.Json;

namespace Platform.Tenancy.Tenants;

/// <param name="Subdomain">Defaults to the id.</param>
/// <param name="MonthlyPredictionQuota">Enterprise only: its own quota instead of unlimited.</param>
public sealed record CreateTenantRequest(string? Id, string? Name, string? Tier, string? Subdomain = null, JsonElement? Settings = null, long? MonthlyPredictionQuota = null);
