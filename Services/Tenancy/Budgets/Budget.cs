namespace Platform.Tenancy.Budgets;

/// <summary>A tenant's spending limit for a period, overall or for one cost category.</summary>
public sealed class Budget
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>Null: every category.</summary>
    public string? Category { get; set; }

    public BudgetPeriod Period { get; set; }

    /// <summary>USD, at most two decimals.</summary>
    public decimal Amount { get; set; }

    /// <summary>Stored as JSON.</summary>
    public List<BudgetThreshold> Thresholds { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
