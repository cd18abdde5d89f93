using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Messaging.Redelivery;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tenancy.Budgets;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Costs;

/// <summary>
/// Adds a cost to the tenant's day and category and evaluates the tenant's budgets, inside the
/// consumer's inbox transaction. A transaction-scoped advisory lock per tenant orders a tenant's
/// cost events, so each evaluation sees every earlier cost and a threshold crossed by many
/// concurrent events is noticed (and published) exactly once.
/// </summary>
public sealed class CostRecorder(TenancyDbContext db, BudgetEvaluator budgets)
{
    public async Task RecordAsync(string tenantId, string category, decimal quantity, decimal amount, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (quantity < 0 || amount < 0) throw new InvalidMessageException($"A {category} cost cannot be negative (quantity {quantity}, amount {amount}).");
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken)) throw new InvalidMessageException($"There is no tenant '{tenantId}' to bill.");
        var table = ReliableMessagingModel.QualifiedTable<DailyCost>(db);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext({0}))", ["cost:" + tenantId], cancellationToken);
        // The table name comes from the EF model; every value is a parameter.
        var upsert = "INSERT INTO " + table + " (tenant_id, day, category, quantity, amount) VALUES ({0}, {1}, {2}, {3}, {4}) " +
            "ON CONFLICT (tenant_id, day, category) DO UPDATE SET quantity = " + table + ".quantity + excluded.quantity, amount = " + table + ".amount + excluded.amount";
        await db.Database.ExecuteSqlRawAsync(upsert, [tenantId, DateOnly.FromDateTime(at.UtcDateTime), category, quantity, amount], cancellationToken);
        await budgets.EvaluateAsync(tenantId, category, cancellationToken);
    }
}
