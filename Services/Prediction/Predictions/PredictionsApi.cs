using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts.Usage;
using Platform.Prediction.Data;
using Platform.Prediction.Models;
using Platform.Prediction.QuotaLeasing;
using Platform.Prediction.Telemetry;
using Platform.Prediction.Scoring.Scoring;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Prediction.Predictions;

/// <summary>
/// <c>POST /v1/predictions</c> scores one patient: input checked first (nothing is charged for a
/// refused request), one unit of the tenant's prediction quota consumed (from a lease: see <see cref="QuotaLeases"/>), the score stored with its
/// features and explanation, and <c>PredictionCompleted</c> (plus <c>HighRiskPredictionDetected</c>
/// from High up) staged in the outbox in the same transaction. <c>GET /v1/predictions/{id}</c>
/// reads one back; another tenant's id answers 404 like one that does not exist.
/// </summary>
public static partial class PredictionsApi
{
    public static IEndpointRouteBuilder MapPredictionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/predictions").WithTags("Predictions");
        api.MapPost("/", Create).WithSummary("Scores one patient {patientId, features, model?, version?}: risk, level, model version and top factors.");
        api.MapGet("/{id:guid}", Get).WithSummary("One stored prediction of the calling tenant.");
        return app;
    }

    private static async Task<Results<Created<PredictionResponse>, ValidationProblem, ProblemHttpResult, JsonHttpResult<JsonElement>>> Create(
        PredictionRequest request, TenantContextAccessor accessor, ModelServing serving, QuotaLeases quota, PredictionDbContext db, OutboxSignal signal,
        IOptions<PredictionOptions> options, TimeProvider time, PredictionMetrics metrics, HttpResponse response, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return NoTenant();
        var errors = new Dictionary<string, string[]>();
        if (request.PatientId is not { } patientId || !PatientId().IsMatch(patientId))
            errors["patientId"] = [PatientIdRule];
        var modelName = request.Model ?? options.Value.DefaultModel;
        if (serving.Choose(modelName, request.Version) is not { } choice)
        {
            UnknownModel(errors, modelName, request.Version);
            metrics.Refused(PredictionMetrics.Kinds.OnePatient, PredictionMetrics.Reasons.Invalid, 1);
            return TypedResults.ValidationProblem(errors);
        }
        if (choice.Model is not { } model)
        {
            metrics.Refused(PredictionMetrics.Kinds.OnePatient, PredictionMetrics.Reasons.Unavailable, 1);
            return ModelUnavailable(choice.Reason!);
        }
        var rows = new FeatureMatrix(1, model.Features.Count);
        var featureErrors = new List<FeatureError>();
        new FeatureRowReader(model).TryRead(request.Features, 0, rows, 0, featureErrors);
        foreach (var error in featureErrors) errors["features." + error.Field] = [error.Message];
        if (errors.Count > 0)
        {
            metrics.Refused(PredictionMetrics.Kinds.OnePatient, PredictionMetrics.Reasons.Invalid, 1);
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            if (await quota.TakeOneAsync(tenant.TenantId, cancellationToken) is { } refusal)
            {
                metrics.Refused(PredictionMetrics.Kinds.OnePatient, PredictionMetrics.Reasons.Quota, 1);
                return Refused(refusal, response);
            }
        }
        catch (QuotaUnavailableException ex)
        {
            metrics.Refused(PredictionMetrics.Kinds.OnePatient, PredictionMetrics.Reasons.Unavailable, 1);
            return QuotaUnavailable(ex, response);
        }
        try
        {
            var scored = await serving.ScoreAsync(choice, rows, other => new FeatureRowReader(other).TryReadAll([request.Features]), cancellationToken);
            var now = StoredPrediction.Timestamp(time);
            var events = new OutboxCopy(tenant.TenantId, time);
            var (stored, explanation) = Record(scored, 0, tenant.TenantId, request.PatientId!, now, events);
            events.Publish(new PredictionCompleted(tenant.TenantId, stored.Id, $"{scored.Model.Name}:v{scored.Model.Version}", 1, now));
            await SaveInOneRoundTripAsync(db, stored, events, cancellationToken);
            signal.Notify();
            metrics.Scored(PredictionMetrics.Kinds.OnePatient, scored, 1);
            return TypedResults.Created($"/v1/predictions/{stored.Id}", Response(stored, explanation));
        }
        catch (ModelUnavailableException ex)
        {
            quota.GiveBack(tenant.TenantId);
            metrics.Refused(PredictionMetrics.Kinds.OnePatient, PredictionMetrics.Reasons.Unavailable, 1);
            return ModelUnavailable(ex.Message);
        }
        catch
        {
            // Charged for nothing: the unit goes back.
            quota.GiveBack(tenant.TenantId);
            throw;
        }
    }

    /// <summary>
    /// Saves the prediction and its events without BEGIN and COMMIT: the INSERTs go as one batch,
    /// and PostgreSQL runs a batch sent with one Sync as one implicit transaction (a failing insert
    /// rolls back the others). One round trip instead of two on every single prediction;
    /// PredictionApiTests checks that a failing event insert leaves no prediction.
    /// </summary>
    private static async Task SaveInOneRoundTripAsync(PredictionDbContext db, StoredPrediction stored, OutboxCopy events, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection());
            PredictionCopy.AppendInsert(batch, db, stored);
            events.AppendInserts(batch, db);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Builds the stored row for one scored row (the caller writes it: a single prediction's INSERT,
    /// a batch's COPY) and, from High up, stages its HighRiskPredictionDetected.
    /// </summary>
    internal static (StoredPrediction Stored, Explanation Explanation) Record(
        ScoredRows scored, int row, string tenantId, string patientId, DateTimeOffset now, IOutbox outbox)
    {
        var (model, rows, risk) = (scored.Model, scored.Rows, scored.Risks[row]);
        var explanation = model.Explain(rows, row);
        var level = model.LevelOf(risk);
        var stored = new StoredPrediction
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            PatientId = patientId,
            ModelName = model.Name,
            ModelVersion = model.Version,
            Risk = risk,
            Level = level,
            Logit = explanation.Logit,
            Baseline = explanation.Baseline,
            Degraded = scored.Degraded,
            Features = StoredPredictionJson.Features(model, rows, row),
            Factors = StoredPredictionJson.Factors(explanation.Factors),
            CreatedAt = now,
        };
        if (level >= RiskLevel.High)
            outbox.Publish(new HighRiskPredictionDetected(tenantId, stored.Id, patientId, model.Name, model.Version, risk, level.ToString(), now));
        return (stored, explanation);
    }

    internal static void UnknownModel(Dictionary<string, string[]> errors, string name, int? version) =>
        errors[version is null ? "model" : "version"] = [$"no model {name}{(version is { } v ? $" v{v}" : "")} is served; GET /v1/models lists them"];

    private static async Task<Results<Ok<PredictionResponse>, ProblemHttpResult>> Get(
        Guid id, TenantContextAccessor accessor, PredictionDbContext db, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return NoTenant();
        // The context's tenant filter keeps other tenants' rows out; the explicit condition says so here too.
        var stored = await db.Predictions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.TenantId == tenant.TenantId, cancellationToken);
        if (stored is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Prediction not found", detail: $"No prediction {id}.");
        var factors = JsonSerializer.Deserialize<List<FactorContribution>>(stored.Factors, JsonSerializerOptions.Web)!;
        return TypedResults.Ok(Response(stored, new Explanation(stored.Logit, stored.Baseline, factors)));
    }

    private static PredictionResponse Response(StoredPrediction stored, Explanation explanation) =>
        new(stored.Id, stored.PatientId, stored.Risk, stored.Level, stored.ModelName, stored.ModelVersion, stored.Degraded,
            explanation.Logit, explanation.Baseline, explanation.Top(explanation.Factors.Count), stored.CreatedAt);

    internal static JsonHttpResult<JsonElement> Refused(QuotaRefusal refusal, HttpResponse response)
    {
        if (refusal.RetryAfter is { } retryAfter) response.Headers.RetryAfter = retryAfter;
        return TypedResults.Json(refusal.Problem, statusCode: (int)refusal.Status, contentType: "application/problem+json");
    }

    /// <summary>503: tenancy cannot say whether quota is left; nothing was charged.</summary>
    internal static ProblemHttpResult QuotaUnavailable(QuotaUnavailableException exception, HttpResponse response)
    {
        response.Headers.RetryAfter = "5";
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Quota unavailable", type: "/problems/quota-unavailable",
            detail: $"{exception.Message} Nothing was charged; retry later.");
    }

    /// <summary>503: the model cannot score and nothing can stand in for it; nothing was charged.</summary>
    internal static ProblemHttpResult ModelUnavailable(string reason) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Model unavailable", type: "/problems/model-unavailable",
            detail: $"{reason}. Nothing was charged; retry later or name a version that serves (GET /v1/models).");

    internal static ProblemHttpResult NoTenant() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "No tenant", detail: "Predictions are per tenant: call through the gateway with a tenant's API key.");

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    internal static partial Regex PatientId();

    internal const string PatientIdRule = "must be 1–128 characters of letters, digits and . _ : -, an opaque id (never a name or record number)";
}
