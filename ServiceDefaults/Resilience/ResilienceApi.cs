using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>
/// Each service's own breaker and degradation endpoints. <c>/admin/*</c> is internal: the
/// gateway routes none of it; operators reach it through the observability service's
/// <c>/v1/admin/circuit-breakers</c>, which aggregates every service.
/// </summary>
public static class ResilienceApi
{
    /// <param name="includeAdmin">False on the public gateway, until admin authentication protects it.</param>
    public static IEndpointRouteBuilder MapResilienceApi(this IEndpointRouteBuilder app, bool includeAdmin = true)
    {
        app.MapGet("/health/degradation", (DegradationAssessor assessor, CancellationToken cancellationToken) => assessor.AssessAsync(cancellationToken))
            .WithTags("Resilience").WithSummary("The service's degradation level, derived from health checks and circuit breakers, or set by an operator.")
            .DisableHttpMetrics();
        if (!includeAdmin) return app;

        var admin = app.MapGroup("/admin").WithTags("Resilience");
        admin.MapPut("/degradation", SetOverride).WithSummary("Overrides the degradation level until cleared.");
        admin.MapDelete("/degradation", (DegradationAssessor assessor) =>
        {
            assessor.ClearOverride();
            return TypedResults.NoContent();
        }).WithSummary("Clears the override: the level is derived again.");

        var breakers = admin.MapGroup("/circuit-breakers");
        breakers.MapGet("/", (CircuitBreakerRegistry registry) => TypedResults.Ok(registry.All.Select(b => b.Snapshot()).ToArray()))
            .WithSummary("Every circuit breaker of this service with its state and counts.");
        breakers.MapGet("/{name}", (string name, CircuitBreakerRegistry registry) => WithBreaker(registry, name, b => Task.FromResult(b.Snapshot())));
        breakers.MapPost("/{name}/reset", (string name, CircuitBreakerRegistry registry) => WithBreaker(registry, name, async b =>
        {
            await b.ResetAsync();
            return b.Snapshot();
        })).WithSummary("Closes the breaker (also ends an isolation).");
        breakers.MapPost("/{name}/isolate", (string name, CircuitBreakerRegistry registry) => WithBreaker(registry, name, async b =>
        {
            await b.IsolateAsync();
            return b.Snapshot();
        })).WithSummary("Forces the breaker open until it is reset.");
        return app;
    }

    private static async Task<Results<Ok<DegradationReport>, ProblemHttpResult>> SetOverride(
        DegradationOverrideRequest request, DegradationAssessor assessor, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<DegradationLevel>(request.Level, ignoreCase: true, out var level) || !Enum.IsDefined(level) || int.TryParse(request.Level, out _))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid degradation level",
                detail: $"'level' must be one of {string.Join(", ", Enum.GetNames<DegradationLevel>())}.");
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A reason is required",
                detail: "'reason' must say why the level is overridden (1 to 500 characters).");
        assessor.SetOverride(level, request.Reason.Trim());
        return TypedResults.Ok(await assessor.AssessAsync(cancellationToken));
    }

    private static async Task<Results<Ok<CircuitBreakerSnapshot>, ProblemHttpResult>> WithBreaker(
        CircuitBreakerRegistry registry, string name, Func<CircuitBreaker, Task<CircuitBreakerSnapshot>> action) =>
        registry.TryGet(name, out var breaker)
            ? TypedResults.Ok(await action(breaker))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such circuit breaker",
                detail: $"This service has no circuit breaker named '{name}'.");
}
