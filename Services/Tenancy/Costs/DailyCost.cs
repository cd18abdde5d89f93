namespace Platform.Tenancy.Costs;

/// <summary>A tenant's cost in one category on one UTC day: the unit the cost API aggregates.</summary>
public sealed class DailyCost
{
    public required string TenantId { get; set; }

    public DateOnly Day { get; set; }

    public required string Category { get; set; }

    /// <summary>Units in the category's own measure: calls, rows, GB-months, USD.</summary>
    public decimal Quantity { get; set; }

    /// <summary>USD.</summary>
    public decimal Amount { get; set; }
}
