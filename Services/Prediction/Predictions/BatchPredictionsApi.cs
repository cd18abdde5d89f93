using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.Contracts.Usage;
using Platform.Prediction.Data;
using Platform.Prediction.Models;
using Platform.Prediction.Scoring.Scoring;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Prediction.Predictions;

/// <summary>
/// <c>POST /v1/predictions/batch</c>: every row is checked first and a bad one is reported by index
/// and field without failing the others; the valid rows reserve quota together (as many as are
/// left), are scored in one vectorised pass and stored in one transaction with one
/// <c>PredictionCompleted</c> for the rows scored. Rows the quota could not cover are listed and not
/// charged.
/// </summary>
public static class BatchPredictionsApi
{
    public static IEndpointRouteBuilder MapBatchPredictionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/predictions/batch", Create).WithTags("Predictions")
            .WithSummary("Scores up to 10,000 patients {rows: [{patientId, features}], model?, version?}; per-row errors and quota refusals are reported, not fatal.");
        return app;
    }

    private static async Task<Results<Ok<BatchPredictionResponse>, ValidationProblem, ProblemHttpResult, JsonHttpResult<JsonElement>>> Create(
        BatchPredictionRequest request, TenantContextAccessor accessor, ModelServing serving, QuotaClient quota, PredictionDbContext db, IOutbox outbox,
        IOptions<PredictionOptions> options, TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return PredictionsApi.NoTenant();
        var settings = options.Value;
        var errors = new Dictionary<string, string[]>();
        if (request.Rows is not { Count: > 0 } rows) errors["rows"] = ["must hold at least one row"];
        else if (rows.Count > settings.MaxBatchRows) errors["rows"] = [$"holds {rows.Count} rows; at most {settings.MaxBatchRows} per batch (use an asynchronous job for more)"];
        var modelName = request.Model ?? settings.DefaultModel;
        var choice = serving.Choose(modelName, request.Version);
        if (choice is null) PredictionsApi.UnknownModel(errors, modelName, request.Version);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (choice!.Model is not { } model) return PredictionsApi.ModelUnavailable(choice.Reason!);

        // Valid rows are packed into the matrix in request order; rowOf maps back to the request index.
        var matrix = new FeatureMatrix(request.Rows!.Count, model.Features.Count);
        var reader = new FeatureRowReader(model);
        var rowErrors = new List<FeatureError>();
        var rowOf = new List<int>(request.Rows.Count);
        for (var i = 0; i < request.Rows.Count; i++)
        {
            var row = request.Rows[i];
            var before = rowErrors.Count;
            if (row?.PatientId is not { } patientId || !PredictionsApi.PatientId().IsMatch(patientId)) rowErrors.Add(new FeatureError(i, "patientId", PredictionsApi.PatientIdRule));
            if (row is not null) reader.TryRead(row.Features, rowOf.Count, matrix, i, rowErrors);
            else rowErrors.Add(new FeatureError(i, "features", "the row is null"));
            if (rowErrors.Count == before) rowOf.Add(i);
        }

        var granted = 0;
        if (rowOf.Count > 0)
        {
            var (units, refusal) = await quota.ConsumeAsync(tenant.TenantId, rowOf.Count, allowPartial: true, cancellationToken);
            if (refusal is not null) return PredictionsApi.Refused(refusal, response);
            granted = units;
        }
        try
        {
            // Only the rows that were granted are scored; a stand-in model re-reads them only if it reads input differently.
            var scored = await serving.ScoreAsync(choice, matrix.Take(granted), other =>
            {
                var again = new FeatureMatrix(granted, other.Features.Count);
                var otherReader = new FeatureRowReader(other);
                var ignored = new List<FeatureError>();
                for (var k = 0; k < granted; k++)
                    if (!otherReader.TryRead(request.Rows[rowOf[k]].Features, k, again, rowOf[k], ignored)) return null;
                return again;
            }, cancellationToken);
            var now = StoredPrediction.Timestamp(time);
            var batchId = Guid.CreateVersion7(now);
            var results = new List<BatchRowResult>(granted);
            var predictions = new List<StoredPrediction>(granted);
            for (var k = 0; k < granted; k++)
            {
                var patientId = request.Rows[rowOf[k]].PatientId!;
                var (stored, explanation) = PredictionsApi.Record(scored, k, tenant.TenantId, patientId, now, db: null, outbox);
                predictions.Add(stored);
                results.Add(new BatchRowResult(rowOf[k], stored.Id, patientId, stored.Risk, stored.Level, explanation.Top(settings.BatchTopFactors)));
            }
            if (granted > 0) outbox.Publish(new PredictionCompleted(tenant.TenantId, batchId, $"{scored.Model.Name}:v{scored.Model.Version}", granted, now));
            // The rows by COPY, the events by EF: one transaction for both.
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await PredictionCopy.WriteAsync(db, predictions, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            return TypedResults.Ok(new BatchPredictionResponse(batchId, scored.Model.Name, scored.Model.Version, scored.Degraded, granted, results,
                [.. rowErrors.Select(e => new BatchRowError(e.Row, e.Field, e.Message))], rowOf.Skip(granted).ToList()));
        }
        catch (ModelUnavailableException ex)
        {
            if (granted > 0) await quota.ReleaseAsync(tenant.TenantId, granted, CancellationToken.None);
            return PredictionsApi.ModelUnavailable(ex.Message);
        }
        catch
        {
            if (granted > 0) await quota.ReleaseAsync(tenant.TenantId, granted, CancellationToken.None);
            throw;
        }
    }
}
