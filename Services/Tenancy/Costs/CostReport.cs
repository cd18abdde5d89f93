namespace Platform.Tenancy.Costs;

public sealed record CostReport(string TenantId, DateOnly From, DateOnly To, string GroupBy, string Currency, decimal Total, IReadOnlyList<CostGroup> Groups);
