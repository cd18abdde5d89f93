using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Resilience;
using Platform.ServiceDefaults.Security;

namespace Platform.Observability.Apis.CircuitBreakers;

/// <summary>
/// Every service's circuit breakers in one place, exposed by the gateway under
/// <c>/v1/admin/circuit-breakers</c>: list, summary, one breaker, reset (close) and isolate (force open).
/// </summary>
public static class CircuitBreakerAggregationApi
{
    public static IEndpointRouteBuilder MapCircuitBreakerAggregationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/admin/circuit-breakers").WithTags("Circuit breakers").RequireAdminKey();
        api.MapGet("/", ListAll).WithSummary("Every service's breakers (a service that cannot be reached is listed with the error).");
        api.MapGet("/summary", Summary).WithSummary("Breakers per state, failures and rejected calls across the platform.");
        api.MapGet("/{service}", (string service, ServiceAdminClient admin, CancellationToken ct) => ListOne(service, admin, ct));
        api.MapGet("/{service}/{name}", (string service, string name, ServiceAdminClient admin, CancellationToken ct) => One(service, name, null, admin, ct));
        api.MapPost("/{service}/{name}/reset", (string service, string name, ServiceAdminClient admin, CancellationToken ct) => One(service, name, "reset", admin, ct))
            .WithSummary("Closes the breaker (also ends an isolation).");
        api.MapPost("/{service}/{name}/isolate", (string service, string name, ServiceAdminClient admin, CancellationToken ct) => One(service, name, "isolate", admin, ct))
            .WithSummary("Forces the breaker open until it is reset.");
        return app;
    }

    private static async Task<Ok<ServiceBreakers[]>> ListAll(ServiceAdminClient admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Task.WhenAll(admin.Services.Select(s => admin.ListAsync(s, cancellationToken))));

    private static async Task<Ok<BreakerSummary>> Summary(ServiceAdminClient admin, CancellationToken cancellationToken)
    {
        var all = await Task.WhenAll(admin.Services.Select(s => admin.ListAsync(s, cancellationToken)));
        var breakers = all.SelectMany(s => s.Breakers.Select(b => (s.Service, Breaker: b))).ToList();
        return TypedResults.Ok(new BreakerSummary(
            all.Length,
            all.Count(s => s.Error is not null),
            breakers.GroupBy(b => b.Breaker.State).ToDictionary(g => g.Key, g => g.Count()),
            breakers.Sum(b => b.Breaker.Failures),
            breakers.Sum(b => b.Breaker.RejectedCalls),
            breakers.Where(b => b.Breaker.State != "Closed").Select(b => $"{b.Service}/{b.Breaker.Name}").ToList()));
    }

    private static async Task<Results<Ok<ServiceBreakers>, ProblemHttpResult>> ListOne(string service, ServiceAdminClient admin, CancellationToken cancellationToken) =>
        admin.Knows(service) ? TypedResults.Ok(await admin.ListAsync(service, cancellationToken)) : UnknownService(service, admin);

    private static async Task<Results<Ok<CircuitBreakerSnapshot>, ProblemHttpResult>> One(
        string service, string name, string? action, ServiceAdminClient admin, CancellationToken cancellationToken)
    {
        if (!admin.Knows(service)) return UnknownService(service, admin);
        try
        {
            return await admin.OneAsync(service, name, action, cancellationToken) is { } breaker
                ? TypedResults.Ok(breaker)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such circuit breaker",
                    detail: $"Service '{service}' has no circuit breaker named '{name}'.");
        }
        catch (Exception ex) when (HttpFailure.IsUnreachable(ex))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Service unreachable",
                detail: $"Service '{service}' did not answer: {ex.GetBaseException().Message}");
        }
    }

    private static ProblemHttpResult UnknownService(string service, ServiceAdminClient admin) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown service",
            detail: $"'{service}' is not one of {string.Join(", ", admin.Services)}.");
}
