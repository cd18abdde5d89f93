using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Predictions;
using Platform.Prediction.Data;
using Platform.Prediction.Models;
using Platform.Prediction.Predictions;
using Platform.Prediction.Telemetry;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging.Redelivery;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Prediction.Jobs;

/// <summary>
/// Runs a queued job like a synchronous batch, inside the inbox's transaction: the predictions,
/// their events and the job's new state commit together, once. A failure that may pass (tenancy
/// unreachable, the model and its stand-in unable to score) throws, so the job is retried on the
/// batch-prediction policy; units already reserved are given back first. The job's rows are read
/// with the model that serves when it runs.
/// </summary>
public sealed partial class PredictionJobConsumer(PredictionDbContext db, ModelServing serving, BatchScoring scoring, TimeProvider time, PredictionMetrics metrics, AfterInboxCommit afterCommit, ILogger<PredictionJobConsumer> logger)
    : IConsumer<PredictionJobSubmitted>
{
    public async Task Consume(ConsumeContext<PredictionJobSubmitted> context)
    {
        var cancellationToken = context.CancellationToken;
        var job = await db.Jobs.SingleOrDefaultAsync(j => j.Id == context.Message.JobId, cancellationToken);
        // A failed job runs again when an operator retries its dead letter; a completed one never does.
        if (job is null || job.Status == JobStatus.Completed)
        {
            LogNothingToRun(logger, context.Message.JobId, job?.Status.ToString() ?? "missing");
            return;
        }
        job.Deliveries = context.Delivery();

        // A job's input is up to the job limit's rows of JSON: read off a socket's polling thread.
        await InlineIo.LeavePollingThread();

        var rows = JsonSerializer.Deserialize<List<BatchPredictionRow?>>(job.Input, JsonSerializerOptions.Web) ?? [];
        if (serving.Choose(job.Model, job.RequestedVersion) is not { } choice)
        {
            // The model or version went away between submission and run: nothing will ever score it.
            Finish(job, JobStatus.Failed, $"no model {job.Model}{(job.RequestedVersion is { } v ? $" v{v}" : "")} is served any more");
            await db.SaveChangesAsync(cancellationToken);
            afterCommit.Add(() => metrics.Refused(PredictionMetrics.Kinds.Job, PredictionMetrics.Reasons.Unavailable, rows.Count));
            return;
        }
        var result = await scoring.ScoreAsync(job.TenantId, choice, rows, job.Id, cancellationToken);
        job.Scored = result.Results.Count;
        job.ModelVersion = result.Scored?.Model.Version;
        job.Degraded = result.Scored?.Degraded ?? false;
        job.Errors = JsonSerializer.Serialize(result.Errors, JsonSerializerOptions.Web);
        job.QuotaRefusedRows = JsonSerializer.Serialize(result.QuotaRefusedRows);
        var refusal = result.Refusal is { } r && r.Problem.TryGetProperty("title", out var title) ? $"quota: {title.GetString()}" : null;
        Finish(job, JobStatus.Completed, refusal);
        await db.SaveChangesAsync(cancellationToken);
        // Counted once the job's state has committed with its inbox row: a failed attempt counts
        // nothing, since the job runs again (or, at the end, its fault counts its rows), and neither
        // does one rolled back with a shared inbox batch.
        afterCommit.Add(() => metrics.Batch(PredictionMetrics.Kinds.Job, rows.Count, result));
        LogCompleted(logger, job.Id, job.Scored, job.Rows, job.Deliveries);
    }

    private void Finish(PredictionJob job, JobStatus status, string? failure)
    {
        job.Status = status;
        job.Failure = failure;
        job.CompletedAt = StoredPrediction.Timestamp(time);
    }

    [LoggerMessage(LogLevel.Information, "Prediction job {JobId}: {Scored} of {Rows} rows scored (delivery {Delivery})")]
    private static partial void LogCompleted(ILogger logger, Guid jobId, int scored, int rows, int delivery);

    [LoggerMessage(LogLevel.Warning, "Prediction job {JobId} not run: it is {State}")]
    private static partial void LogNothingToRun(ILogger logger, Guid jobId, string state);
}
