using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Tenancy.Data;
using Platform.Tenancy.Tenants;
using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Quotas;

/// <summary>
/// <c>POST /internal/quotas/{tenant}/storage/check {gigabytes}</c>: a service about to store more
/// for a tenant asks whether it fits in the tier's storage; 429 <c>quota-exceeded</c> when it does not.
/// </summary>
public static class StorageQuotaApi
{
    private const decimal MaxGigabytes = 1_000_000m;

    public static IEndpointRouteBuilder MapStorageQuotaApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/quotas/{tenantId}/storage/check", Check).WithTags("Internal")
            .WithSummary("Whether gigabytes more fit in the tenant's storage quota (all stores together, by their newest samples).");
        return app;
    }

    private static async Task<Results<Ok<StorageDecision>, ValidationProblem, ProblemHttpResult>> Check(
        string tenantId, StorageCheckRequest request, TenancyDbContext db, StorageQuota quota, IOptions<TierOptions> tiers, CancellationToken cancellationToken)
    {
        if (request.Gigabytes is < 0 or > MaxGigabytes)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["gigabytes"] = [$"Between 0 and {MaxGigabytes}."] });
        var (tenant, refusal) = await QuotaApi.MeteredTenantAsync(db, tenantId, cancellationToken);
        if (refusal is not null) return refusal;

        var used = await quota.UsedAsync(tenantId, cancellationToken);
        var limit = TenantLimitsResponse.For(tenant, tiers.Value).StorageGb;
        if (limit is null || used + request.Gigabytes <= limit)
            return TypedResults.Ok(new StorageDecision(tenantId, request.Gigabytes, used, limit, limit - used - request.Gigabytes));
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            type: QuotaApi.QuotaExceededType,
            title: "Quota exceeded",
            detail: $"Tenant '{tenantId}' stores {used} of {limit} GB; {request.Gigabytes} GB more do not fit.",
            extensions: new Dictionary<string, object?> { ["limit"] = limit, ["used"] = used, ["requested"] = request.Gigabytes });
    }
}
