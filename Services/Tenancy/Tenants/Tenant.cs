using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Tenants;

/// <summary>A customer organisation: its tier, status and settings.</summary>
public sealed class Tenant
{
    /// <summary>Slug, 3–63 characters of a–z, 0–9 and '-'; never changes.</summary>
    public required string Id { get; set; }

    public required string Name { get; set; }

    public Tier Tier { get; set; }

    public TenantStatus Status { get; set; }

    /// <summary>The host label under the gateway's base domain; unique.</summary>
    public required string Subdomain { get; set; }

    /// <summary>A JSON object, validated for size.</summary>
    public string? Settings { get; set; }

    /// <summary>An enterprise tenant's own monthly prediction quota (null: the tier's).</summary>
    public long? MonthlyPredictionQuota { get; set; }

    public string? SuspensionReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
