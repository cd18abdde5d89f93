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
    private static JsonHttpResult<IReadOnlyList<ModelResponse>> List(ModelRegistry registry, ModelServing serving)
    {
        var statuses = registry.Names.ToDictionary(name => name, serving.Status);
        return TypedResults.Json<IReadOnlyList<ModelResponse>>([.. registry.Models.Select(m =>
        {
            var active = statuses[m.Name].ServingVersion == m.Version;
            return new ModelResponse(m.Name, m.Version, active, active && statuses[m.Name].Degraded, m.Artifact.Description, m.Features, m.Artifact.Thresholds,
                m.Artifact.Training.TrainedAt, m.Artifact.Training.Samples, m.Artifact.Training.Auc, m.Artifact.Training.Brier);
        })], ModelArtifactJson.Options);
    }
}
