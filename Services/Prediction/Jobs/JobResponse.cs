namespace Platform.Prediction.Jobs;

/// <summary>A job's state for its tenant; <see cref="Results"/> pages through every row once it is done.</summary>
public sealed record JobResponse(
    Guid Id,
    JobStatus Status,
    string Model,
    int? ModelVersion,
    bool Degraded,
    int Rows,
    int Scored,
    int RowErrors,
    int QuotaRefused,
    int Deliveries,
    string? Failure,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string Results);
