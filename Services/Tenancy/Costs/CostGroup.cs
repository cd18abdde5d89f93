namespace Platform.Tenancy.Costs;

/// <summary>One row of a cost report: a day, a category, or both, depending on the grouping.</summary>
public sealed record CostGroup(DateOnly? Day, string? Category, decimal Quantity, decimal Amount);
