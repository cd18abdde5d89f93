using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Observability.Data;

namespace Platform.Observability.Apis;

public static class ObservabilityApi
{
    private const int MaxResults = 500;

    public static IEndpointRouteBuilder MapObservabilityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/observability").WithTags("Platform status");
        api.MapGet("/services", ListServiceInstances)
            .WithSummary("Service instances that have announced themselves, newest first.");
        return app;
    }

    private static async Task<Ok<ServiceInstanceResponse[]>> ListServiceInstances(
        ObservabilityDbContext db, string? service, CancellationToken cancellationToken)
    {
        var query = db.ServiceInstances.AsNoTracking();
        if (!string.IsNullOrEmpty(service)) query = query.Where(i => i.Service == service);
        var instances = await query
            .OrderByDescending(i => i.StartedAt)
            .Take(MaxResults)
            .Select(i => new ServiceInstanceResponse(i.InstanceId, i.Service, i.Version, i.Host, i.ProcessId, i.StartedAt, i.LastSeenAt))
            .ToArrayAsync(cancellationToken);
        return TypedResults.Ok(instances);
    }
}
