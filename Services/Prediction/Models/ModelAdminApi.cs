using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Security;

namespace Platform.Prediction.Models;

/// <summary>
/// <c>/v1/admin/models</c> (platform admin key): how every model name is served, and the operator's
/// levers: activate a loaded version, or roll back to the newest loaded version below the one
/// meant to serve now. The choice is stored, so every instance and every restart follows it.
/// </summary>
public static class ModelAdminApi
{
    public static IEndpointRouteBuilder MapModelAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/admin/models").WithTags("Model administration").RequireAdminKey();
        api.MapGet("/", List).WithSummary("Every model name: intended and serving version, why they differ, breaker, loaded and refused versions.");
        api.MapPost("/{name}/activate", Activate).WithSummary("Serve {version} of this model from now on, on every instance.");
        api.MapPost("/{name}/rollback", Rollback).WithSummary("Serve the newest loaded version below the one meant to serve now.");
        return app;
    }

    private static Ok<IReadOnlyList<ModelStatus>> List(ModelRegistry registry, ModelServing serving) =>
        TypedResults.Ok<IReadOnlyList<ModelStatus>>([.. registry.Names.Select(serving.Status)]);

    private static async Task<Results<Ok<ModelStatus>, ValidationProblem, ProblemHttpResult>> Activate(
        string name, ActivateModelRequest request, ModelRegistry registry, ModelServing serving, ModelActivations activations, CancellationToken cancellationToken)
    {
        if (request.Version is not { } version) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["is required"] });
        if (!registry.Names.Contains(name, StringComparer.Ordinal)) return UnknownModel(name);
        if (registry.Find(name, version) is null)
        {
            var refused = registry.Rejected.FirstOrDefault(r => r.Name == name && r.Version == version);
            return refused is null
                ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown model version", detail: $"{name} has no v{version}; loaded: {string.Join(", ", registry.Models.Where(m => m.Name == name).Select(m => "v" + m.Version))}.")
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Model version refused", detail: $"{name} v{version} was refused at load: {string.Join("; ", refused.Reasons)}.");
        }
        await activations.ActivateAsync(name, version, serving.IntendedVersion(name), cancellationToken);
        return TypedResults.Ok(serving.Status(name));
    }

    private static async Task<Results<Ok<ModelStatus>, ProblemHttpResult>> Rollback(
        string name, ModelRegistry registry, ModelServing serving, ModelActivations activations, CancellationToken cancellationToken)
    {
        if (serving.IntendedVersion(name) is not { } current) return UnknownModel(name);
        if (registry.Below(name, current) is not { } previous)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to roll back to", detail: $"No loaded version of {name} is older than v{current}.");
        await activations.ActivateAsync(name, previous.Version, current, cancellationToken);
        return TypedResults.Ok(serving.Status(name));
    }

    private static ProblemHttpResult UnknownModel(string name) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown model", detail: $"No artifact of a model named '{name}' was found.");
}
