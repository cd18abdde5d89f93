using Microsoft.AspNetCore.Http.HttpResults;
using Platform.AppHost.Orchestration;

namespace Platform.AppHost.Dashboard;

/// <summary>The JSON API behind the dashboard page.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app, Orchestrator orchestrator)
    {
        var api = app.MapGroup("/api/resources");
        api.MapGet("/", () => TypedResults.Ok(orchestrator.Runtimes.Select(r => r.Snapshot())));
        api.MapGet("/{name}", Results<Ok<ResourceSnapshot>, ProblemHttpResult> (string name) =>
            orchestrator.Find(name) is { } runtime ? TypedResults.Ok(runtime.Snapshot()) : NotFound(name));
        api.MapGet("/{name}/logs", Results<Ok<LogPage>, ProblemHttpResult> (string name, long? after) =>
        {
            if (orchestrator.Find(name) is not { } runtime) return NotFound(name);
            var lines = runtime.Logs.After(after ?? 0);
            return TypedResults.Ok(new LogPage(lines, lines.Count > 0 ? lines[^1].Number : after ?? 0));
        });
        api.MapPost("/{name}/{command}", async Task<Results<Accepted<ResourceSnapshot>, ProblemHttpResult>> (string name, string command, CancellationToken cancellationToken) =>
        {
            if (orchestrator.Find(name) is not { } runtime) return NotFound(name);
            if (runtime is not SupervisedRuntime supervised)
                return TypedResults.Problem($"{name} is not a process the AppHost owns, so it cannot be {command}ed.", statusCode: StatusCodes.Status409Conflict);
            switch (command)
            {
                case "stop": await supervised.StopAsync(); break;
                case "start": _ = supervised.StartAsync(CancellationToken.None); break;
                case "restart":
                    await supervised.StopAsync();
                    _ = supervised.StartAsync(CancellationToken.None);
                    break;
                default:
                    return TypedResults.Problem($"Unknown command '{command}'. Use stop, start or restart.", statusCode: StatusCodes.Status400BadRequest);
            }
            return TypedResults.Accepted($"/api/resources/{name}", runtime.Snapshot());
        });
        return app;
    }

    private static ProblemHttpResult NotFound(string name) =>
        TypedResults.Problem($"There is no resource named '{name}'.", statusCode: StatusCodes.Status404NotFound);
}
