namespace Platform.Prediction.Jobs;

/// <summary>Rows <c>offset</c> to <c>offset + limit − 1</c> of a job, each with its outcome; <see cref="NextOffset"/> is null after the last row.</summary>
public sealed record JobResultsPage(Guid JobId, JobStatus Status, int Rows, IReadOnlyList<JobRowResult> Items, int? NextOffset);
