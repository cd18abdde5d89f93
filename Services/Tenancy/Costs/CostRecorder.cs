using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Messaging.Redelivery;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tenancy.Budgets;
using Platform.Tenancy.Data;

namespace Platform.Tenancy.Costs;

/// <summary>
/// Adds a cost to the tenant's day and category and evaluates the tenant's budgets, inside the
/// consumer's inbox transaction. A tenant with budgets takes a transaction-scoped advisory lock
/// first, which orders its cost events, so each evaluation sees every earlier cost and a threshold
/// crossed by many concurrent events is noticed (and published) exactly once. A tenant without
/// budgets (most, and every busy one in the benchmark) costs one upsert, the absence of budgets
/// being remembered for a few seconds (<see cref="TenantsWithoutBudgets"/>): a cost event comes with
/// every single prediction, so its four round trips were a measured share of it. A budget created
/// meanwhile is evaluated by the tenant's next cost, which sees the whole spend.
/// </summary>
public sealed class CostRecorder(TenancyDbContext db, BudgetEvaluator budgets, TenantsWithoutBudgets withoutBudgets)
{
    public async Task RecordAsync(string tenantId, string category, decimal quantity, decimal amount, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (quantity < 0 || amount < 0) throw new InvalidMessageException($"A {category} cost cannot be negative (quantity {quantity}, amount {amount}).");
        var remembered = withoutBudgets.Knows(tenantId, category);
        List<Budget> covering = remembered ? [] : await budgets.CoveringAsync(tenantId, category, cancellationToken);
        if (covering.Count > 0)
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext({0}))", ["cost:" + tenantId], cancellationToken);
        var table = ReliableMessagingModel.QualifiedTable<DailyCost>(db);
        var tenants = ReliableMessagingModel.QualifiedTable<Tenants.Tenant>(db);
        // The table names come from the EF model; every value is a parameter. The tenant's existence
        // is checked by the same statement: no row written means no tenant.
        var upsert = "INSERT INTO " + table + " (tenant_id, day, category, quantity, amount) " +
            "SELECT {0}, {1}, {2}, {3}, {4} WHERE EXISTS (SELECT 1 FROM " + tenants + " WHERE id = {0}) " +
            "ON CONFLICT (tenant_id, day, category) DO UPDATE SET quantity = " + table + ".quantity + excluded.quantity, amount = " + table + ".amount + excluded.amount";
        var written = await db.Database.ExecuteSqlRawAsync(upsert, [tenantId, DateOnly.FromDateTime(at.UtcDateTime), category, quantity, amount], cancellationToken);
        if (written == 0) throw new InvalidMessageException($"There is no tenant '{tenantId}' to bill.");
        if (covering.Count > 0) await budgets.EvaluateAsync(tenantId, covering, cancellationToken);
        // Only an absence just read is remembered: refreshed by the remembered one, a busy tenant's
        // memory would never expire and a budget made elsewhere would never be seen.
        else if (!remembered) withoutBudgets.Remember(tenantId, category);
    }
}
