namespace Platform.Tenancy.Resolution;

/// <summary>Exactly one identifier, as the gateway found it on a request.</summary>
public sealed record ResolveRequest(string? ApiKey = null, string? Subdomain = null, string? TenantId = null);
