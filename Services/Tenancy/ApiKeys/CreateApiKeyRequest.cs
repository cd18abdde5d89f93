namespace Platform.Tenancy.ApiKeys;

public sealed record CreateApiKeyRequest(string? Name = null, DateTimeOffset? ExpiresAt = null);
