using Microsoft.Extensions.Options;
using Platform.Contracts.Usage;
using Platform.Prediction.Data;
using Platform.Prediction.Models;
using Platform.Prediction.Scoring.Scoring;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.Prediction.Predictions;

/// <summary>
/// Scores many rows for one tenant, for a synchronous batch and an asynchronous job alike: every
/// row is read first and a bad one reported by index and field; the valid rows reserve quota
/// together (as many as are left); the granted ones are scored in one vectorised pass, written by
/// COPY with their HighRisk events and one <c>PredictionCompleted</c>, in the caller's transaction
/// when there is one (a job's inbox) or in one of their own. Units of work that did not happen are
/// given back.
/// </summary>
public sealed class BatchScoring(ModelServing serving, QuotaClient quota, PredictionDbContext db, IOptions<PredictionOptions> options, TimeProvider time)
{
    /// <exception cref="ModelUnavailableException">Nothing could score the rows; nothing was charged.</exception>
    public async Task<BatchScoringResult> ScoreAsync(string tenantId, ModelChoice choice, IReadOnlyList<BatchPredictionRow?> rows, Guid? jobId, CancellationToken cancellationToken)
    {
        var model = choice.Model ?? throw new ModelUnavailableException(choice.Reason ?? "no model can serve");
        // Reading, scoring and recording thousands of rows: never on a socket's polling thread
        // (ServiceDefaults/Hosting/InlineIo.cs), here or after any await below that may resume there.
        await InlineIo.LeavePollingThread();
        // Valid rows are packed into the matrix in request order; rowOf maps back to the request index.
        var matrix = new FeatureMatrix(rows.Count, model.Features.Count);
        var reader = new FeatureRowReader(model);
        var errors = new List<FeatureError>();
        var rowOf = new List<int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var before = errors.Count;
            if (row?.PatientId is not { } patientId || !PredictionsApi.PatientId().IsMatch(patientId)) errors.Add(new FeatureError(i, "patientId", PredictionsApi.PatientIdRule));
            if (row is not null) reader.TryRead(row.Features, rowOf.Count, matrix, i, errors);
            else errors.Add(new FeatureError(i, "features", "the row is null"));
            if (errors.Count == before) rowOf.Add(i);
        }
        var rowErrors = errors.Select(e => new BatchRowError(e.Row, e.Field, e.Message)).ToList();
        var now = StoredPrediction.Timestamp(time);
        var batchId = jobId ?? Guid.CreateVersion7(now);
        if (rowOf.Count == 0) return new BatchScoringResult(batchId, null, [], rowErrors, [], null);

        var (granted, _, refusal) = await quota.ConsumeAsync(tenantId, rowOf.Count, allowPartial: true, cancellationToken);
        if (refusal is not null) return new BatchScoringResult(batchId, null, [], rowErrors, rowOf, refusal);
        try
        {
            await InlineIo.LeavePollingThread();
            // Only the granted rows are scored; a stand-in model re-reads them only if it reads input differently.
            var scored = await serving.ScoreAsync(choice, matrix.Take(granted),
                other => new FeatureRowReader(other).TryReadAll([.. rowOf.Take(granted).Select(i => rows[i]!.Features)]), cancellationToken);
            var results = new List<BatchRowResult>(granted);
            var events = new OutboxCopy(tenantId, time);
            await WriteAsync(events, async copy =>
            {
                for (var k = 0; k < granted; k++)
                {
                    await InlineIo.LeavePollingThread();
                    var patientId = rows[rowOf[k]]!.PatientId!;
                    var (stored, explanation) = PredictionsApi.Record(scored, k, tenantId, patientId, now, events);
                    stored.JobId = jobId;
                    stored.RowIndex = jobId is null ? null : rowOf[k];
                    await copy.WriteAsync(stored, cancellationToken);
                    results.Add(new BatchRowResult(rowOf[k], stored.Id, patientId, stored.Risk, stored.Level, explanation.Top(options.Value.BatchTopFactors)));
                }
                if (granted > 0) events.Publish(new PredictionCompleted(tenantId, batchId, $"{scored.Model.Name}:v{scored.Model.Version}", granted, now));
            }, cancellationToken);
            return new BatchScoringResult(batchId, scored, results, rowErrors, rowOf.Skip(granted).ToList(), null);
        }
        catch
        {
            if (granted > 0) await quota.ReleaseAsync(tenantId, granted, CancellationToken.None);
            throw;
        }
    }

    // The rows and their events by COPY: one transaction for both (the caller's, or one of its own).
    // The rows go into the COPY as they are recorded, so PostgreSQL ingests while the rest are built.
    private async Task WriteAsync(OutboxCopy events, Func<PredictionCopy, Task> record, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await using (var copy = await PredictionCopy.BeginAsync(db, cancellationToken))
            {
                await record(copy);
                await copy.CompleteAsync(cancellationToken);
            }
            await events.WriteAsync(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
        }
    }
}
