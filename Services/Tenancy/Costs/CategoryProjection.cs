namespace Platform.Tenancy.Costs;

public sealed record CategoryProjection(string Category, decimal Spent, decimal Projected);
