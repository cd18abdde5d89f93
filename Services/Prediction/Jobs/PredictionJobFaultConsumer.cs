using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Predictions;
using Platform.Prediction.Data;
using Platform.Prediction.Predictions;
using Platform.Prediction.Telemetry;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Prediction.Jobs;

/// <summary>
/// A job whose every retry failed is marked failed with the last reason, so its tenant stops
/// waiting. Its message is in the dead-letter queue: an operator's retry from there runs the job
/// again (the job consumer takes failed jobs as it takes queued ones).
/// </summary>
public sealed partial class PredictionJobFaultConsumer(PredictionDbContext db, TimeProvider time, PredictionMetrics metrics, AfterInboxCommit afterCommit, ILogger<PredictionJobFaultConsumer> logger) : IConsumer<Fault<PredictionJobSubmitted>>
{
    public async Task Consume(ConsumeContext<Fault<PredictionJobSubmitted>> context)
    {
        var submitted = context.Message.Message;
        // A fault is not itself a tenant message: the job is found by its id and its tenant together.
        var job = await db.Jobs.IgnoreQueryFilters().SingleOrDefaultAsync(j => j.Id == submitted.JobId && j.TenantId == submitted.TenantId, context.CancellationToken);
        if (job is not { Status: JobStatus.Queued }) return;
        var reason = context.Message.Exceptions.FirstOrDefault() is { } e ? $"{e.ExceptionType.Split('.')[^1]}: {e.Message}" : "every delivery failed";
        job.Status = JobStatus.Failed;
        job.Failure = $"gave up after its retries ({reason}); an operator can retry it from the dead-letter queue";
        job.CompletedAt = StoredPrediction.Timestamp(time);
        await db.SaveChangesAsync(context.CancellationToken);
        afterCommit.Add(() => metrics.Refused(PredictionMetrics.Kinds.Job, PredictionMetrics.Reasons.Unavailable, job.Rows));
        LogFailed(logger, job.Id, reason);
    }

    [LoggerMessage(LogLevel.Warning, "Prediction job {JobId} failed after its retries: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid jobId, string reason);
}
