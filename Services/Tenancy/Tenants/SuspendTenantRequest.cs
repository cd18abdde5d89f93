namespace Platform.Tenancy.Tenants;

public sealed record SuspendTenantRequest(string? Reason = null);
