namespace Platform.Tenancy.ApiKeys;

/// <summary>A tenant's API key. Only its keyed hash is stored; the key itself is shown once.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    /// <summary>A label chosen by the admin ("clinic EHR integration").</summary>
    public string? Name { get; set; }

    /// <summary>The first characters of the key, enough to recognise it in a list, far too few to use it.</summary>
    public required string Hint { get; set; }

    /// <summary>HMAC-SHA256 of the key under <c>Tenancy:ApiKeys:HashKey</c>.</summary>
    public required byte[] Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
