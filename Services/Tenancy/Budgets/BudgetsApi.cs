using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Tenancy;
using Platform.Tenancy.Data;
using Platform.Tenancy.Tenants;

namespace Platform.Tenancy.Budgets;

/// <summary>
/// A tenant's budgets at <c>/v1/budgets</c>. Every query is filtered by the calling tenant: another
/// tenant's budget id answers 404, exactly like one that does not exist.
/// </summary>
public static class BudgetsApi
{
    public static IEndpointRouteBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/budgets").WithTags("Budgets");
        api.MapGet("/", List).WithSummary("The tenant's budgets.");
        api.MapPost("/", Create).WithSummary("Creates a budget {name, period, amount, category?, thresholds?}.");
        api.MapGet("/{id:guid}", Get).WithSummary("One budget.");
        api.MapPut("/{id:guid}", Replace).WithSummary("Replaces a budget's name, period, amount, category and thresholds.");
        api.MapDelete("/{id:guid}", Delete).WithSummary("Deletes a budget and its alerts.");
        api.MapGet("/{id:guid}/status", Status).WithSummary("Spent, remaining, percent, forecast and each threshold's state this period.");
        return app;
    }

    private static async Task<Results<Ok<List<BudgetResponse>>, ProblemHttpResult>> List(TenantContextAccessor accessor, TenancyDbContext db, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return TenantApi.NoTenant();
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.TenantId == tenant.TenantId).OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(budgets.Select(BudgetResponse.From).ToList());
    }

    private static async Task<Results<Created<BudgetResponse>, ValidationProblem, ProblemHttpResult>> Create(
        BudgetRequest request, TenantContextAccessor accessor, TenancyDbContext db, TenantsWithoutBudgets withoutBudgets, TimeProvider time, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return TenantApi.NoTenant();
        var errors = BudgetValidator.Validate(request, out var period);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var now = time.GetUtcNow();
        var budget = new Budget { Id = Guid.CreateVersion7(), TenantId = tenant.TenantId, Name = request.Name!.Trim(), CreatedAt = now };
        Apply(budget, request, period, now);
        db.Budgets.Add(budget);
        await db.SaveChangesAsync(cancellationToken);
        withoutBudgets.Forget(tenant.TenantId);
        return TypedResults.Created($"/v1/budgets/{budget.Id}", BudgetResponse.From(budget));
    }

    private static async Task<Results<Ok<BudgetResponse>, ProblemHttpResult>> Get(Guid id, TenantContextAccessor accessor, TenancyDbContext db, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return TenantApi.NoTenant();
        return await Find(db, tenant.TenantId, id, cancellationToken) is { } budget ? TypedResults.Ok(BudgetResponse.From(budget)) : NotFound(id);
    }

    private static async Task<Results<Ok<BudgetResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id, BudgetRequest request, TenantContextAccessor accessor, TenancyDbContext db, TenantsWithoutBudgets withoutBudgets, TimeProvider time, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return TenantApi.NoTenant();
        var budget = await Find(db, tenant.TenantId, id, cancellationToken);
        if (budget is null) return NotFound(id);
        var errors = BudgetValidator.Validate(request, out var period);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        budget.Name = request.Name!.Trim();
        Apply(budget, request, period, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        withoutBudgets.Forget(tenant.TenantId); // its category may have changed
        return TypedResults.Ok(BudgetResponse.From(budget));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, TenantContextAccessor accessor, TenancyDbContext db, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return TenantApi.NoTenant();
        var deleted = await db.Budgets.Where(b => b.Id == id && b.TenantId == tenant.TenantId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0) return NotFound(id);
        await db.BudgetAlerts.Where(a => a.BudgetId == id).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<BudgetStatus>, ProblemHttpResult>> Status(
        Guid id, TenantContextAccessor accessor, TenancyDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return TenantApi.NoTenant();
        var budget = await Find(db, tenant.TenantId, id, cancellationToken);
        if (budget is null) return NotFound(id);
        var spend = await BudgetSpend.OfAsync(db, budget, time.GetUtcNow(), cancellationToken);
        var alerts = await db.BudgetAlerts.AsNoTracking().Where(a => a.BudgetId == id && a.PeriodStart == spend.PeriodStart)
            .ToDictionaryAsync(a => a.Threshold, a => a.CrossedAt, cancellationToken);
        var thresholds = budget.Thresholds.Select(t => alerts.TryGetValue(t.Key, out var at)
            ? new BudgetThresholdStatus(t.Kind, t.Percent, "Alarm", at)
            : new BudgetThresholdStatus(t.Kind, t.Percent, "Ok", null)).ToList();
        return TypedResults.Ok(new BudgetStatus(budget.Id, budget.Name, BudgetPeriods.Name(budget.Period), spend.PeriodStart, spend.PeriodEnd,
            budget.Amount, spend.Spent, budget.Amount - spend.Spent, decimal.Round(spend.Spent * 100m / budget.Amount, 2),
            spend.Forecast, RunRate.Method, thresholds));
    }

    private static void Apply(Budget budget, BudgetRequest request, BudgetPeriod period, DateTimeOffset now)
    {
        budget.Period = period;
        budget.Amount = request.Amount!.Value;
        budget.Category = request.Category;
        budget.Thresholds = [.. request.Thresholds ?? BudgetThreshold.Defaults];
        budget.UpdatedAt = now;
    }

    private static Task<Budget?> Find(TenancyDbContext db, string tenantId, Guid id, CancellationToken cancellationToken) =>
        db.Budgets.SingleOrDefaultAsync(b => b.Id == id && b.TenantId == tenantId, cancellationToken);

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such budget", detail: $"There is no budget {id}.");
}
