namespace Platform.Tenancy.ApiKeys;

/// <summary>A key as listed: never the key, only its hint and state.</summary>
public sealed record ApiKeyResponse(Guid Id, string TenantId, string Hint, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, bool Active)
{
    public static ApiKeyResponse From(ApiKey key, DateTimeOffset now) =>
        new(key.Id, key.TenantId, key.Hint, key.Name, key.CreatedAt, key.ExpiresAt, key.RevokedAt, key.LastUsedAt, key.RevokedAt is null && (key.ExpiresAt is null || key.ExpiresAt > now));
}
