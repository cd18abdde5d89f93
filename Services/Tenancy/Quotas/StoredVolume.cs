namespace Platform.Tenancy.Quotas;

/// <summary>The latest sampled size of one of a tenant's stores (<c>storage</c> or <c>database</c>): what the storage quota is judged by.</summary>
public sealed class StoredVolume
{
    public required string TenantId { get; set; }

    public required string Store { get; set; }

    public decimal Gigabytes { get; set; }

    public DateTimeOffset SampledAt { get; set; }
}
