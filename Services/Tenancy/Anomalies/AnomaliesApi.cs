using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Tenancy;
using Platform.Tenancy.Data;
using Platform.Tenancy.Tenants;

namespace Platform.Tenancy.Anomalies;

/// <summary><c>GET /v1/costs/anomalies</c>: the calling tenant's flagged days, newest first, with the chart's expected range.</summary>
public static class AnomaliesApi
{
    public static IEndpointRouteBuilder MapAnomaliesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/costs/anomalies", List).WithTags("Costs").WithSummary("Days whose spend left the EWMA chart's expected range (λ 0.3, ±3σ, ≥ 7 days of history).");
        return app;
    }

    private static async Task<Results<Ok<AnomalyReport>, ProblemHttpResult>> List(TenantContextAccessor accessor, TenancyDbContext db, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return TenantApi.NoTenant();
        var anomalies = await db.CostAnomalies.AsNoTracking().Where(a => a.TenantId == tenant.TenantId).OrderByDescending(a => a.Day).Take(366).ToListAsync(cancellationToken);
        return TypedResults.Ok(new AnomalyReport(tenant.TenantId, EwmaControlChart.Method,
            [.. anomalies.Select(a => new AnomalyResponse(a.Day, a.Spend, a.Ewma, a.ExpectedLow, a.ExpectedHigh, a.DetectedAt))]));
    }
}
