using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Tenancy;
using Platform.Tenancy.Data;
using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Tenants;

/// <summary>A tenant's own view, <c>GET /v1/tenant</c>, for the tenant the gateway resolved.</summary>
public static class TenantApi
{
    public static IEndpointRouteBuilder MapTenantApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/tenant", Get).WithTags("Tenant").WithSummary("The calling tenant: tier, status, limits, settings.");
        return app;
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> Get(
        TenantContextAccessor accessor, TenancyDbContext db, IOptions<TierOptions> tiers, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } caller) return NoTenant();
        return await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == caller.TenantId, cancellationToken) is { } tenant
            ? TypedResults.Ok(TenantResponse.From(tenant, tiers.Value))
            : TenantsAdminApi.NotFound(caller.TenantId);
    }

    internal static ProblemHttpResult NoTenant() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "No tenant",
            detail: "The request carries no tenant; call through the gateway with an API key.");
}
