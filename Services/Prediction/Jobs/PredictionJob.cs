namespace Platform.Prediction.Jobs;

/// <summary>
/// An asynchronous scoring job: its input as submitted, and once run, what became of it. Scored
/// rows are stored predictions (with this job's id and their row index); bad rows and rows the
/// quota could not cover are kept here.
/// </summary>
public sealed class PredictionJob
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public JobStatus Status { get; set; }

    public required string Model { get; set; }

    /// <summary>The version asked for; null for whichever serves when the job runs.</summary>
    public int? RequestedVersion { get; set; }

    /// <summary>The version that scored it, once run.</summary>
    public int? ModelVersion { get; set; }

    public bool Degraded { get; set; }

    public int Rows { get; set; }

    public int Scored { get; set; }

    /// <summary>The rows as submitted, JSON.</summary>
    public required string Input { get; set; }

    /// <summary>Rows refused for bad input, JSON (<c>BatchRowError</c>s).</summary>
    public string Errors { get; set; } = "[]";

    /// <summary>Rows not scored because the quota ran out, JSON (row indexes).</summary>
    public string QuotaRefusedRows { get; set; } = "[]";

    /// <summary>Deliveries of the job's message it took (above 1: earlier ones failed and were retried).</summary>
    public int Deliveries { get; set; }

    public string? Failure { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
