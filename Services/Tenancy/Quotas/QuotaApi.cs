using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Tenancy.Data;
using Platform.Tenancy.Tenants;
using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Quotas;

/// <summary>
/// Metered work asks here first: <c>POST /internal/quotas/{tenant}/{metric}/consume</c> grants
/// units or answers 429 <c>quota-exceeded</c> with the limit, the usage and the reset time.
/// </summary>
public static class QuotaApi
{
    public const string QuotaExceededType = "/problems/quota-exceeded";
    private const long MaxUnits = 1_000_000;

    public static IEndpointRouteBuilder MapQuotaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/internal/quotas/{tenantId}/{metric}").WithTags("Internal");
        api.MapPost("/consume", Consume).WithSummary("Grants units of the tenant's quota (all or, with allowPartial, what is left) or 429.");
        api.MapPost("/release", Release).WithSummary("Gives back granted units that were not used.");
        return app;
    }

    private static async Task<Results<Ok<QuotaDecision>, ValidationProblem, ProblemHttpResult>> Consume(
        string tenantId, string metric, ConsumeQuotaRequest request, TenancyDbContext db, QuotaLedger ledger, IOptions<TierOptions> tiers,
        HttpResponse response, CancellationToken cancellationToken)
    {
        if (Validate(metric, request.Units) is { } invalid) return invalid;
        var (tenant, refusal) = await MeteredTenantAsync(db, tenantId, cancellationToken);
        if (refusal is not null) return refusal;

        var limit = TenantLimitsResponse.For(tenant, tiers.Value).MonthlyPredictions;
        var decision = await ledger.ConsumeAsync(tenantId, metric, request.Units, limit, request.AllowPartial, cancellationToken);
        if (decision.Granted > 0 || request.Units == 0) return TypedResults.Ok(decision);

        var wait = decision.ResetAt - DateTimeOffset.UtcNow;
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            type: QuotaExceededType,
            title: "Quota exceeded",
            detail: $"Tenant '{tenantId}' has used {decision.Used} of {decision.Limit} {metric} this month; {request.Units} more do not fit.",
            extensions: new Dictionary<string, object?>
            {
                ["limit"] = decision.Limit,
                ["used"] = decision.Used,
                ["requested"] = request.Units,
                ["resetAt"] = decision.ResetAt,
            });
    }

    private static async Task<Results<Ok<QuotaDecision>, ValidationProblem, ProblemHttpResult>> Release(
        string tenantId, string metric, ReleaseQuotaRequest request, TenancyDbContext db, QuotaLedger ledger, IOptions<TierOptions> tiers,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (Validate(metric, request.Units) is { } invalid) return invalid;
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null) return TenantsAdminApi.NotFound(tenantId);
        var used = await ledger.ReleaseAsync(tenantId, metric, request.Units, cancellationToken);
        var limit = TenantLimitsResponse.For(tenant, tiers.Value).MonthlyPredictions;
        return TypedResults.Ok(new QuotaDecision(tenantId, metric, -request.Units, 0, used, limit, QuotaPeriod.EndOf(time.GetUtcNow())));
    }

    /// <summary>The tenant metered work is for: 404 when there is none, 403 while it is suspended.</summary>
    internal static async Task<(Tenant Tenant, ProblemHttpResult? Refusal)> MeteredTenantAsync(TenancyDbContext db, string tenantId, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null) return (null!, TenantsAdminApi.NotFound(tenantId));
        if (tenant.Status == TenantStatus.Suspended)
            return (tenant, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Tenant suspended", detail: $"Tenant '{tenantId}' is suspended."));
        return (tenant, null);
    }

    private static ValidationProblem? Validate(string metric, long units)
    {
        var errors = new Dictionary<string, string[]>();
        if (metric != QuotaMetrics.Predictions) errors["metric"] = [$"Metered quotas: {QuotaMetrics.Predictions}."];
        if (units is < 0 or > MaxUnits) errors["units"] = [$"Between 0 and {MaxUnits}."];
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : null;
    }
}
