using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Prediction.Scoring.Artifacts;

namespace Platform.Prediction.Models;

public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", List).WithTags("Models").WithSummary("Every model this service serves, each version, which one is active, and its feature schema.");
        return app;
    }

    // The feature schema reads as it does in artifacts (type "number", no null members).
    private static JsonHttpResult<IReadOnlyList<ModelResponse>> List(ModelRegistry registry) =>
        TypedResults.Json<IReadOnlyList<ModelResponse>>([.. registry.Models.Select(m => new ModelResponse(
            m.Name, m.Version, registry.IsActive(m), m.Artifact.Description, m.Features, m.Artifact.Thresholds,
            m.Artifact.Training.TrainedAt, m.Artifact.Training.Samples, m.Artifact.Training.Auc, m.Artifact.Training.Brier))], ModelArtifactJson.Options);
}
