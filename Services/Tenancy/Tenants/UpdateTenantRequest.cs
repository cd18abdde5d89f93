using System.Text.Json;

namespace Platform.Tenancy.Tenants;

/// <summary>A partial update: absent (null) fields stay as they are.</summary>
public sealed record UpdateTenantRequest(string? Name = null, string? Tier = null, string? Subdomain = null, JsonElement? Settings = null, long? MonthlyPredictionQuota = null);
