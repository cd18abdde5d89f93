using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Prediction.Data;
using Platform.Prediction.Models;
using Platform.Prediction.Predictions;
using Platform.Prediction.Scoring.Training;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Prediction.Outcomes;

/// <summary><c>GET /v1/predictions/accuracy</c>: per model version, how the calling tenant's predictions compare with the outcomes it reported.</summary>
public static class AccuracyApi
{
    public static IEndpointRouteBuilder MapAccuracyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/predictions/accuracy", Measure).WithTags("Predictions")
            .WithSummary("AUC, Brier score and calibration of each model version on predictions with reported outcomes (filters: model, version, from, to), beside its training figures.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<VersionAccuracy>>, ValidationProblem, ProblemHttpResult>> Measure(
        string? model, int? version, DateTimeOffset? from, DateTimeOffset? to, TenantContextAccessor accessor, PredictionDbContext db, ModelRegistry registry,
        CancellationToken cancellationToken)
    {
        if (accessor.Tenant is null) return PredictionsApi.NoTenant();
        if (from is { } f && to is { } t && f > t) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["must not be after to"] });

        var query = from p in db.Predictions.AsNoTracking()
                    join o in db.Outcomes.AsNoTracking() on p.Id equals o.PredictionId
                    select new { p.ModelName, p.ModelVersion, p.Risk, p.CreatedAt, o.Interrupted };
        if (model is not null) query = query.Where(x => x.ModelName == model);
        if (version is { } v) query = query.Where(x => x.ModelVersion == v);
        if (from is { } start) query = query.Where(x => x.CreatedAt >= start);
        if (to is { } end) query = query.Where(x => x.CreatedAt < end);
        var pairs = await query.Select(x => new { x.ModelName, x.ModelVersion, x.Risk, x.Interrupted }).ToListAsync(cancellationToken);
        // Every outcome's pair, ranked for the AUC: not on a socket's polling thread.
        await InlineIo.LeavePollingThread();

        return TypedResults.Ok<IReadOnlyList<VersionAccuracy>>([.. pairs
            .GroupBy(x => (x.ModelName, x.ModelVersion))
            .OrderBy(g => g.Key.ModelName, StringComparer.Ordinal).ThenBy(g => g.Key.ModelVersion)
            .Select(g =>
            {
                var risks = g.Select(x => x.Risk).ToList();
                var outcomes = g.Select(x => x.Interrupted ? 1 : 0).ToList();
                var auc = ClassifierMetrics.Auc(risks, outcomes);
                var training = registry.Find(g.Key.ModelName, g.Key.ModelVersion)?.Artifact.Training;
                return new VersionAccuracy(g.Key.ModelName, g.Key.ModelVersion, risks.Count, outcomes.Sum(), outcomes.Average(), risks.Average(),
                    double.IsNaN(auc) ? null : auc, ClassifierMetrics.Brier(risks, outcomes), training?.Auc, training?.Brier, ClassifierMetrics.Calibration(risks, outcomes));
            })]);
    }
}
