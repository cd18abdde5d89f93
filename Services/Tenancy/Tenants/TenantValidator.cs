using System.Text.Json;
using Platform.Contracts;
using Platform.ServiceDefaults.Tenancy;
using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Tenants;

/// <summary>Field-by-field checks; the API answers 400 with every failing field named.</summary>
public static class TenantValidator
{
    public const int MaxNameLength = 200;
    public const int MaxSettingsBytes = 16 * 1024;
    public const int MaxReasonLength = 500;

    public static Dictionary<string, string[]> Create(CreateTenantRequest request, out Tier tier)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsTenantSlug(request.Id)) errors["id"] = ["Required: 3-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit."];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = ["Required."];
        tier = default;
        if (!TierNames.TryParse(request.Tier, out tier)) errors["tier"] = [$"Required: one of {TierNames.All}."];
        Common(errors, request.Name, request.Subdomain, request.Settings, request.MonthlyPredictionQuota, tier);
        return errors;
    }

    public static Dictionary<string, string[]> Update(UpdateTenantRequest request, Tier current, out Tier tier)
    {
        var errors = new Dictionary<string, string[]>();
        tier = current;
        if (request.Tier is not null && !TierNames.TryParse(request.Tier, out tier)) errors["tier"] = [$"One of {TierNames.All}."];
        if (request.Name is not null && request.Name.Trim().Length == 0) errors["name"] = ["Must not be empty."];
        Common(errors, request.Name, request.Subdomain, request.Settings, request.MonthlyPredictionQuota, tier);
        return errors;
    }

    public static Dictionary<string, string[]> Suspend(SuspendTenantRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Reason is { Length: > MaxReasonLength }) errors["reason"] = [$"At most {MaxReasonLength} characters."];
        return errors;
    }

    public static bool IsTenantSlug(string? value) => value is not null && value != TenantIds.Platform && TenantIdFormat.IsValid(value);

    private static void Common(Dictionary<string, string[]> errors, string? name, string? subdomain, JsonElement? settings, long? quota, Tier tier)
    {
        if (name is { Length: > MaxNameLength }) errors["name"] = [$"At most {MaxNameLength} characters."];
        if (subdomain is not null && !IsTenantSlug(subdomain)) errors["subdomain"] = ["3-63 characters of a-z, 0-9 and '-' (a DNS label)."];
        if (settings is { } json)
        {
            if (json.ValueKind != JsonValueKind.Object) errors["settings"] = ["Must be a JSON object."];
            else if (JsonSerializer.SerializeToUtf8Bytes(json).Length > MaxSettingsBytes) errors["settings"] = [$"At most {MaxSettingsBytes} bytes of JSON."];
        }
        if (quota is not null)
        {
            if (quota < 0) errors["monthlyPredictionQuota"] = ["Must not be negative."];
            else if (tier != Tier.Enterprise) errors["monthlyPredictionQuota"] = ["Only an enterprise tenant has its own quota; other tiers use the tier's."];
        }
    }
}
