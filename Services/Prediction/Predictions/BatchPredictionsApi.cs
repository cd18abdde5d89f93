using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Prediction.Models;
using Platform.Prediction.Telemetry;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Prediction.Predictions;

/// <summary>
/// <c>POST /v1/predictions/batch</c>: up to <see cref="PredictionOptions.MaxBatchRows"/> rows scored
/// at once by <see cref="BatchScoring"/>; bad rows and rows the quota could not cover are reported,
/// not fatal, and never charged. No unit left at all: tenancy's refusal is passed on.
/// </summary>
public static class BatchPredictionsApi
{
    public static IEndpointRouteBuilder MapBatchPredictionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/predictions/batch", Create).WithTags("Predictions")
            .WithSummary("Scores up to 10,000 patients {rows: [{patientId, features}], model?, version?}; per-row errors and quota refusals are reported, not fatal.");
        return app;
    }

    private static async Task<Results<BufferedJsonOk<BatchPredictionResponse>, ValidationProblem, ProblemHttpResult, JsonHttpResult<JsonElement>>> Create(
        BatchPredictionRequest request, TenantContextAccessor accessor, ModelServing serving, BatchScoring scoring,
        IOptions<PredictionOptions> options, PredictionMetrics metrics, HttpResponse response, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return PredictionsApi.NoTenant();
        var rows = request.Rows?.Count ?? 0;
        var (choice, errors) = Validate(request.Rows, request.Model, request.Version, options.Value.MaxBatchRows, "use an asynchronous job for more", options.Value, serving);
        if (errors.Count > 0)
        {
            metrics.Refused(PredictionMetrics.Kinds.Batch, PredictionMetrics.Reasons.Invalid, rows);
            return TypedResults.ValidationProblem(errors);
        }
        if (choice!.Model is null)
        {
            metrics.Refused(PredictionMetrics.Kinds.Batch, PredictionMetrics.Reasons.Unavailable, rows);
            return PredictionsApi.ModelUnavailable(choice.Reason!);
        }
        try
        {
            var result = await scoring.ScoreAsync(tenant.TenantId, choice, request.Rows!, jobId: null, cancellationToken);
            metrics.Batch(PredictionMetrics.Kinds.Batch, rows, result);
            if (result.Refusal is { } refusal) return PredictionsApi.Refused(refusal, response);
            var served = result.Scored?.Model ?? choice.Model;
            return new BufferedJsonOk<BatchPredictionResponse>(new BatchPredictionResponse(result.BatchId, served.Name, served.Version, result.Scored?.Degraded ?? choice.Degraded,
                result.Results.Count, result.Results, result.Errors, result.QuotaRefusedRows), PredictionJsonContext.Default.BatchPredictionResponse);
        }
        catch (ModelUnavailableException ex)
        {
            metrics.Refused(PredictionMetrics.Kinds.Batch, PredictionMetrics.Reasons.Unavailable, rows);
            return PredictionsApi.ModelUnavailable(ex.Message);
        }
        catch (QuotaUnavailableException ex)
        {
            metrics.Refused(PredictionMetrics.Kinds.Batch, PredictionMetrics.Reasons.Unavailable, rows);
            return PredictionsApi.QuotaUnavailable(ex, response);
        }
    }

    /// <summary>The checks of a whole request of many rows (a batch or a job): row count and model; rows are checked one by one when scored.</summary>
    internal static (ModelChoice? Choice, Dictionary<string, string[]> Errors) Validate(
        IReadOnlyList<BatchPredictionRow?>? rows, string? model, int? version, int maxRows, string beyond, PredictionOptions options, ModelServing serving)
    {
        var errors = new Dictionary<string, string[]>();
        if (rows is not { Count: > 0 }) errors["rows"] = ["must hold at least one row"];
        else if (rows.Count > maxRows) errors["rows"] = [$"holds {rows.Count} rows; at most {maxRows} per request ({beyond})"];
        var modelName = model ?? options.DefaultModel;
        var choice = serving.Choose(modelName, version);
        if (choice is null) PredictionsApi.UnknownModel(errors, modelName, version);
        return (choice, errors);
    }
}
