using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Predictions;
using Platform.Prediction.Data;
using Platform.Prediction.Models;
using Platform.Prediction.Predictions;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Prediction.Jobs;

/// <summary>
/// <c>/v1/predictions/jobs</c>: more rows than a synchronous batch takes, scored in the background.
/// Submitting stores the rows and stages <c>PredictionJobSubmitted</c> in the outbox in one
/// transaction (202 with the job's address); <see cref="PredictionJobConsumer"/> scores it like a
/// batch; the tenant reads its state and pages through every row's outcome.
/// </summary>
public static class PredictionJobsApi
{
    public const int DefaultPage = 1_000;
    public const int MaxPage = 10_000;

    public static IEndpointRouteBuilder MapPredictionJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/predictions/jobs").WithTags("Prediction jobs");
        api.MapPost("/", Submit).WithSummary("Queues up to 100,000 patients {rows: [{patientId, features}], model?, version?} for scoring; 202 with the job.");
        api.MapGet("/{id:guid}", Get).WithSummary("A job's state and counts.");
        api.MapGet("/{id:guid}/results", Results).WithSummary("Every row of a finished job with its outcome, a page (offset, limit ≤ 10,000) at a time.");
        return app;
    }

    private static async Task<Results<Accepted<JobResponse>, ValidationProblem, ProblemHttpResult>> Submit(
        BatchPredictionRequest request, TenantContextAccessor accessor, ModelServing serving, PredictionDbContext db, IOutbox outbox,
        IOptions<PredictionOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is not { } tenant) return PredictionsApi.NoTenant();
        var settings = options.Value;
        // A job whose model cannot serve right now is still accepted: it runs when the model can (retries).
        var (_, errors) = BatchPredictionsApi.Validate(request.Rows, request.Model, request.Version, settings.MaxJobRows, "split the work into several jobs", settings, serving);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = StoredPrediction.Timestamp(time);
        var job = new PredictionJob
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenant.TenantId,
            Status = JobStatus.Queued,
            Model = request.Model ?? settings.DefaultModel,
            RequestedVersion = request.Version,
            Rows = request.Rows!.Count,
            Input = JsonSerializer.Serialize(request.Rows, JsonSerializerOptions.Web),
            CreatedAt = now,
        };
        db.Jobs.Add(job);
        outbox.Publish(new PredictionJobSubmitted(tenant.TenantId, job.Id));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/v1/predictions/jobs/{job.Id}", Response(job));
    }

    private static async Task<Results<Ok<JobResponse>, ProblemHttpResult>> Get(Guid id, TenantContextAccessor accessor, PredictionDbContext db, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is null) return PredictionsApi.NoTenant();
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        return job is null ? NotFound(id) : TypedResults.Ok(Response(job));
    }

    private static async Task<Results<Ok<JobResultsPage>, ValidationProblem, ProblemHttpResult>> Results(
        Guid id, int? offset, int? limit, TenantContextAccessor accessor, PredictionDbContext db, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is null) return PredictionsApi.NoTenant();
        var (from, count) = (offset ?? 0, limit ?? DefaultPage);
        var errors = new Dictionary<string, string[]>();
        if (from < 0) errors["offset"] = ["must not be negative"];
        if (count is < 1 or > MaxPage) errors["limit"] = [$"must be between 1 and {MaxPage}"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null) return NotFound(id);
        if (job.Status == JobStatus.Queued) return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Job not finished", detail: $"Job {id} is still queued; its results follow when GET /v1/predictions/jobs/{id} says completed.");

        var to = Math.Min(job.Rows, from + count);
        var scored = await db.Predictions.AsNoTracking()
            .Where(p => p.JobId == id && p.RowIndex >= from && p.RowIndex < to)
            .Select(p => new { Row = p.RowIndex!.Value, p.Id, p.PatientId, p.Risk, p.Level })
            .ToDictionaryAsync(p => p.Row, cancellationToken);
        // A page is up to 10,000 rows: built off a socket's polling thread.
        await InlineIo.LeavePollingThread();
        var rowErrors = JsonSerializer.Deserialize<List<BatchRowError>>(job.Errors, JsonSerializerOptions.Web)!.Where(e => e.Row >= from && e.Row < to).ToLookup(e => e.Row);
        var refused = JsonSerializer.Deserialize<List<int>>(job.QuotaRefusedRows)!.Where(r => r >= from && r < to).ToHashSet();
        var items = new List<JobRowResult>(Math.Max(0, to - from));
        for (var row = from; row < to; row++)
        {
            if (scored.TryGetValue(row, out var p)) items.Add(new JobRowResult(row, "scored", p.Id, p.PatientId, p.Risk, p.Level, null));
            else if (rowErrors.Contains(row)) items.Add(new JobRowResult(row, "error", null, null, null, null, [.. rowErrors[row]]));
            else if (refused.Contains(row)) items.Add(new JobRowResult(row, "quota-refused", null, null, null, null, null));
            else items.Add(new JobRowResult(row, "not-scored", null, null, null, null, null));
        }
        return TypedResults.Ok(new JobResultsPage(id, job.Status, job.Rows, items, to < job.Rows ? to : null));
    }

    internal static JobResponse Response(PredictionJob job) => new(
        job.Id, job.Status, job.Model, job.ModelVersion, job.Degraded, job.Rows, job.Scored,
        JsonSerializer.Deserialize<List<BatchRowError>>(job.Errors, JsonSerializerOptions.Web)!.Select(e => e.Row).Distinct().Count(),
        JsonSerializer.Deserialize<List<int>>(job.QuotaRefusedRows)!.Count, job.Deliveries, job.Failure, job.CreatedAt, job.CompletedAt,
        $"/v1/predictions/jobs/{job.Id}/results");

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: $"No prediction job {id}.");
}
