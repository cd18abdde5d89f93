namespace Platform.Tenancy.Costs;

/// <summary>End-of-month spend from the run rate so far, overall and per category, with the method named.</summary>
public sealed record CostProjection(string TenantId, string Method, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset AsOf, decimal Spent, decimal Projected, IReadOnlyList<CategoryProjection> Categories);
