using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Tenancy;
using Platform.Tenancy.Budgets;
using Platform.Tenancy.Data;
using Platform.Tenancy.Quotas;
using Platform.Tenancy.Tenants;
using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Costs;

/// <summary>The calling tenant's usage, costs and projection (<c>/v1/usage</c>, <c>/v1/costs</c>).</summary>
public static class CostsApi
{
    private const int MaxRangeDays = 366;

    public static IEndpointRouteBuilder MapCostsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/usage", Usage).WithTags("Costs").WithSummary("This month: prediction quota used and left, storage held and left, quantity and cost per category.");
        app.MapGet("/v1/costs", Costs).WithTags("Costs").WithSummary("Costs in USD between from and to (UTC days, inclusive), grouped by category, day or day,category.");
        app.MapGet("/v1/costs/projection", Projection).WithTags("Costs").WithSummary("End-of-month spend projected from the run rate so far.");
        return app;
    }

    private static async Task<Results<Ok<UsageReport>, ProblemHttpResult>> Usage(
        TenantContextAccessor accessor, TenancyDbContext db, QuotaLedger quotas, StorageQuota storage, IOptions<TierOptions> tiers, TimeProvider time, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } caller) return TenantApi.NoTenant();
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == caller.TenantId, cancellationToken);
        if (tenant is null) return TenantsAdminApi.NotFound(caller.TenantId);
        var now = time.GetUtcNow();
        var (start, end) = (QuotaPeriod.StartOf(now), QuotaPeriod.EndOf(now));
        var used = await quotas.UsedAsync(tenant.Id, QuotaMetrics.Predictions, cancellationToken);
        var limits = TenantLimitsResponse.For(tenant, tiers.Value);
        var limit = limits.MonthlyPredictions;
        var stored = await storage.UsedAsync(tenant.Id, cancellationToken);
        var categories = await Grouped(db, tenant.Id, DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(end.UtcDateTime).AddDays(-1), "category", cancellationToken);
        return TypedResults.Ok(new UsageReport(tenant.Id, start, end, new QuotaUsageReport(used, limit, limit is { } l ? Math.Max(0, l - used) : null),
            new StorageUsageReport(stored, limits.StorageGb, limits.StorageGb is { } g ? Math.Max(0, g - stored) : null), categories));
    }

    private static async Task<Results<Ok<CostReport>, ValidationProblem, ProblemHttpResult>> Costs(
        TenantContextAccessor accessor, TenancyDbContext db, TimeProvider time, string? from, string? to, string? groupBy, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } caller) return TenantApi.NoTenant();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>();
        var start = ParseDay(from, new DateOnly(today.Year, today.Month, 1), "from", errors);
        var end = ParseDay(to, today, "to", errors);
        var grouping = groupBy ?? "category";
        if (grouping is not ("category" or "day" or "day,category")) errors["groupBy"] = ["category, day or day,category."];
        if (errors.Count == 0 && end < start) errors["to"] = ["Not before from."];
        if (errors.Count == 0 && end.DayNumber - start.DayNumber >= MaxRangeDays) errors["to"] = [$"At most {MaxRangeDays} days after from."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var groups = await Grouped(db, caller.TenantId, start, end, grouping, cancellationToken);
        return TypedResults.Ok(new CostReport(caller.TenantId, start, end, grouping, "USD", groups.Sum(g => g.Amount), groups));
    }

    private static async Task<Results<Ok<CostProjection>, ProblemHttpResult>> Projection(
        TenantContextAccessor accessor, TenancyDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } caller) return TenantApi.NoTenant();
        var now = time.GetUtcNow();
        var (start, end) = (QuotaPeriod.StartOf(now), QuotaPeriod.EndOf(now));
        var categories = await Grouped(db, caller.TenantId, DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(end.UtcDateTime).AddDays(-1), "category", cancellationToken);
        var projected = categories.Select(c => new CategoryProjection(c.Category!, c.Amount, RunRate.Project(c.Amount, start, end, now))).ToList();
        var spent = categories.Sum(c => c.Amount);
        return TypedResults.Ok(new CostProjection(caller.TenantId, RunRate.Method, start, end, now, spent, RunRate.Project(spent, start, end, now), projected));
    }

    private static async Task<List<CostGroup>> Grouped(TenancyDbContext db, string tenantId, DateOnly from, DateOnly to, string groupBy, CancellationToken cancellationToken)
    {
        var costs = db.DailyCosts.AsNoTracking().Where(c => c.TenantId == tenantId && c.Day >= from && c.Day <= to);
        return groupBy switch
        {
            "day" => (await costs.GroupBy(c => c.Day).Select(g => new { g.Key, Quantity = g.Sum(c => c.Quantity), Amount = g.Sum(c => c.Amount) }).OrderBy(g => g.Key).ToListAsync(cancellationToken))
                .Select(g => new CostGroup(g.Key, null, g.Quantity, g.Amount)).ToList(),
            "day,category" => (await costs.OrderBy(c => c.Day).ThenBy(c => c.Category).ToListAsync(cancellationToken))
                .Select(c => new CostGroup(c.Day, c.Category, c.Quantity, c.Amount)).ToList(),
            _ => (await costs.GroupBy(c => c.Category).Select(g => new { g.Key, Quantity = g.Sum(c => c.Quantity), Amount = g.Sum(c => c.Amount) }).OrderBy(g => g.Key).ToListAsync(cancellationToken))
                .Select(g => new CostGroup(null, g.Key, g.Quantity, g.Amount)).ToList(),
        };
    }

    private static DateOnly ParseDay(string? value, DateOnly fallback, string field, Dictionary<string, string[]> errors)
    {
        if (value is null) return fallback;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)) return day;
        errors[field] = ["A UTC day, yyyy-MM-dd."];
        return fallback;
    }
}
