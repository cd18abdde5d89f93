using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Predictions;
using Platform.Prediction.Data;
using Platform.Prediction.Predictions;
using Platform.Prediction.Telemetry;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Prediction.Outcomes;

/// <summary>
/// <c>POST /v1/predictions/{id}/outcome</c>: the clinic reports what happened to a scored patient.
/// One outcome per prediction: the same report again is answered as the first, a different one is
/// a 409 (a correction must not silently rewrite the record accuracy is measured on).
/// <c>PredictionOutcomeRecorded</c> leaves through the outbox with the outcome.
/// </summary>
public static class OutcomesApi
{
    // Clocks of clinic systems drift; an outcome "observed" further ahead than this is an error.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapOutcomesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/predictions/{id:guid}/outcome", Record).WithTags("Predictions")
            .WithSummary("Records the observed outcome {interrupted, observedAt?} of a prediction, for accuracy and drift monitoring.");
        return app;
    }

    private static async Task<Results<Created<OutcomeResponse>, Ok<OutcomeResponse>, ValidationProblem, ProblemHttpResult>> Record(
        Guid id, OutcomeRequest request, TenantContextAccessor accessor, PredictionDbContext db, IOutbox outbox, TimeProvider time, PredictionMetrics metrics, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return PredictionsApi.NoTenant();
        var prediction = await db.Predictions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (prediction is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Prediction not found", detail: $"No prediction {id}.");

        var now = StoredPrediction.Timestamp(time);
        var observedAt = request.ObservedAt is { } given ? StoredPrediction.ToStoredPrecision(given.ToUniversalTime()) : now;
        var errors = new Dictionary<string, string[]>();
        if (request.Interrupted is null) errors["interrupted"] = ["is required: true if the patient interrupted treatment, false if not"];
        if (observedAt < prediction.CreatedAt) errors["observedAt"] = [$"is before the prediction was made ({prediction.CreatedAt:O})"];
        else if (observedAt > now + ClockSkew) errors["observedAt"] = ["is in the future"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var existing = await db.Outcomes.AsNoTracking().SingleOrDefaultAsync(o => o.PredictionId == id, cancellationToken);
        if (existing is not null)
        {
            return existing.Interrupted == request.Interrupted && (request.ObservedAt is null || existing.ObservedAt == observedAt)
                ? TypedResults.Ok(OutcomeResponse.Of(existing, prediction))
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Outcome already recorded",
                    detail: $"Prediction {id} already has its outcome (interrupted: {existing.Interrupted.ToString().ToLowerInvariant()}, observed {existing.ObservedAt:O}).");
        }

        var outcome = new PredictionOutcome { PredictionId = id, TenantId = tenant.TenantId, Interrupted = request.Interrupted!.Value, ObservedAt = observedAt, RecordedAt = now };
        db.Outcomes.Add(outcome);
        outbox.Publish(new PredictionOutcomeRecorded(tenant.TenantId, id, prediction.ModelName, prediction.ModelVersion, prediction.Risk,
            prediction.Level.ToString(), outcome.Interrupted, prediction.CreatedAt, observedAt));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two reports raced and the other was stored first; anything else is a real failure.
            db.ChangeTracker.Clear();
            if (!await db.Outcomes.AsNoTracking().AnyAsync(o => o.PredictionId == id, CancellationToken.None)) throw;
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Outcome already recorded", detail: $"Prediction {id} got its outcome from a concurrent request.");
        }
        metrics.Outcome(prediction.ModelName, prediction.ModelVersion, outcome.Interrupted);
        return TypedResults.Created($"/v1/predictions/{id}/outcome", OutcomeResponse.Of(outcome, prediction));
    }
}
