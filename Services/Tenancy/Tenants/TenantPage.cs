namespace Platform.Tenancy.Tenants;

public sealed record TenantPage(IReadOnlyList<TenantResponse> Items, int Page, int PageSize, int Total);
