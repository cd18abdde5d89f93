namespace Platform.Tenancy.ApiKeys;

/// <summary>The one response that carries the key itself.</summary>
public sealed record CreatedApiKeyResponse(Guid Id, string TenantId, string Key, string Hint, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
