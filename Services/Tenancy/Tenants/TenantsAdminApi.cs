using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Tenancy;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.ServiceDefaults.Security;
using Platform.Tenancy.Common;
using Platform.Tenancy.Data;
using Platform.Tenancy.Resolution;
using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Tenants;

/// <summary>Platform admins manage tenants at <c>/v1/admin/tenants</c> (admin key required).</summary>
public static class TenantsAdminApi
{
    private const int MaxPageSize = 200;

    public static RouteGroupBuilder MapTenantsAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/admin/tenants").WithTags("Tenants (admin)").RequireAdminKey();
        api.MapPost("/", Create).WithSummary("Creates a tenant {id, name, tier}; 409 when the id or subdomain is taken.");
        api.MapGet("/", List).WithSummary("Tenants by id, filtered by status and tier, paged.");
        api.MapGet("/{id}", Get).WithSummary("One tenant with its effective limits.");
        api.MapPatch("/{id}", Update).WithSummary("Changes name, tier, subdomain, settings or an enterprise quota; a tier change publishes TenantTierChanged.");
        api.MapPost("/{id}/suspend", Suspend).WithSummary("Suspends the tenant (its keys stop resolving); publishes TenantSuspended.");
        api.MapPost("/{id}/activate", Activate).WithSummary("Activates a suspended tenant; publishes TenantActivated.");
        return api;
    }

    private static async Task<Results<Created<TenantResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateTenantRequest request, TenancyDbContext db, IOutbox outbox, IOptions<TierOptions> tiers, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = TenantValidator.Create(request, out var tier);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var now = time.GetUtcNow();
        var tenant = new Tenant
        {
            Id = request.Id!,
            Name = request.Name!.Trim(),
            Tier = tier,
            Status = TenantStatus.Active,
            Subdomain = request.Subdomain ?? request.Id!,
            Settings = request.Settings?.GetRawText(),
            MonthlyPredictionQuota = request.MonthlyPredictionQuota,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Tenants.Add(tenant);
        outbox.Publish(new TenantCreated(tenant.Id, tenant.Name, TierNames.Of(tier), now));
        if (await SaveAsync(db, cancellationToken) is { } conflict) return conflict;
        return TypedResults.Created($"/v1/admin/tenants/{tenant.Id}", TenantResponse.From(tenant, tiers.Value));
    }

    private static async Task<Results<Ok<TenantPage>, ValidationProblem>> List(
        TenancyDbContext db, IOptions<TierOptions> tiers, string? status, string? tier, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = (page ?? 1, pageSize ?? 50);
        var errors = new Dictionary<string, string[]>();
        if (p < 1) errors["page"] = ["1 or more."];
        if (size is < 1 or > MaxPageSize) errors["pageSize"] = [$"Between 1 and {MaxPageSize}."];
        TenantStatus? statusFilter = null;
        if (status is not null)
        {
            if (LowerCaseNames.TryParse<TenantStatus>(status, out var s)) statusFilter = s;
            else errors["status"] = ["active or suspended."];
        }
        Tier? tierFilter = null;
        if (tier is not null)
        {
            if (TierNames.TryParse(tier, out var t)) tierFilter = t;
            else errors["tier"] = [$"One of {TierNames.All}."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var query = db.Tenants.AsNoTracking();
        if (statusFilter is { } st) query = query.Where(t => t.Status == st);
        if (tierFilter is { } tf) query = query.Where(t => t.Tier == tf);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(t => t.Id).Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TenantPage([.. items.Select(t => TenantResponse.From(t, tiers.Value))], p, size, total));
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> Get(string id, TenancyDbContext db, IOptions<TierOptions> tiers, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken) is { } tenant
            ? TypedResults.Ok(TenantResponse.From(tenant, tiers.Value))
            : NotFound(id);

    private static async Task<Results<Ok<TenantResponse>, ValidationProblem, ProblemHttpResult>> Update(
        string id, UpdateTenantRequest request, TenancyDbContext db, IOutbox outbox, ResolveCache cache, IOptions<TierOptions> tiers, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null) return NotFound(id);
        var errors = TenantValidator.Update(request, tenant.Tier, out var tier);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = time.GetUtcNow();
        if (tier != tenant.Tier)
        {
            outbox.Publish(new TenantTierChanged(tenant.Id, TierNames.Of(tenant.Tier), TierNames.Of(tier), now));
            tenant.Tier = tier;
            // An own quota belongs to an enterprise contract: leaving the tier drops it.
            if (tier != Tier.Enterprise) tenant.MonthlyPredictionQuota = null;
        }
        if (request.Name is not null) tenant.Name = request.Name.Trim();
        if (request.Subdomain is not null) tenant.Subdomain = request.Subdomain;
        if (request.Settings is { } settings) tenant.Settings = settings.GetRawText();
        if (request.MonthlyPredictionQuota is not null) tenant.MonthlyPredictionQuota = request.MonthlyPredictionQuota;
        tenant.UpdatedAt = now;
        if (await SaveAsync(db, cancellationToken) is { } conflict) return conflict;
        cache.Forget(t => t.TenantId == id);
        return TypedResults.Ok(TenantResponse.From(tenant, tiers.Value));
    }

    private static async Task<Results<Ok<TenantResponse>, ValidationProblem, ProblemHttpResult>> Suspend(
        string id, HttpRequest http, TenancyDbContext db, IOutbox outbox, ResolveCache cache, IOptions<TierOptions> tiers, TimeProvider time, CancellationToken cancellationToken)
    {
        // The body is optional: a bare POST suspends without a reason.
        SuspendTenantRequest? request = null;
        if (http.ContentLength is > 0 || http.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                request = await http.ReadFromJsonAsync<SuspendTenantRequest>(cancellationToken);
            }
            catch (JsonException)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Must be JSON: {\"reason\": \"...\"}."] });
            }
        }
        var errors = TenantValidator.Suspend(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null) return NotFound(id);
        if (tenant.Status == TenantStatus.Suspended) return TypedResults.Ok(TenantResponse.From(tenant, tiers.Value));
        var now = time.GetUtcNow();
        tenant.Status = TenantStatus.Suspended;
        tenant.SuspensionReason = request?.Reason;
        tenant.UpdatedAt = now;
        outbox.Publish(new TenantSuspended(tenant.Id, request?.Reason, now));
        await db.SaveChangesAsync(cancellationToken);
        cache.Forget(t => t.TenantId == id);
        return TypedResults.Ok(TenantResponse.From(tenant, tiers.Value));
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> Activate(
        string id, TenancyDbContext db, IOutbox outbox, IOptions<TierOptions> tiers, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null) return NotFound(id);
        if (tenant.Status == TenantStatus.Active) return TypedResults.Ok(TenantResponse.From(tenant, tiers.Value));
        var now = time.GetUtcNow();
        tenant.Status = TenantStatus.Active;
        tenant.SuspensionReason = null;
        tenant.UpdatedAt = now;
        outbox.Publish(new TenantActivated(tenant.Id, now));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TenantResponse.From(tenant, tiers.Value));
    }

    internal static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such tenant", detail: $"There is no tenant '{id}'.");

    private static async Task<ProblemHttpResult?> SaveAsync(TenancyDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex, out var constraint))
        {
            var field = constraint == TenancyDbContext.TenantSubdomainIndex ? "subdomain" : "id";
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Tenant {field} taken",
                detail: $"Another tenant already has this {field}.");
        }
    }
}
