using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Predictions;

/// <summary>One scored patient, kept per tenant with the features it was scored on and its explanation.</summary>
public sealed class StoredPrediction
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public required string PatientId { get; set; }

    public required string ModelName { get; set; }

    public int ModelVersion { get; set; }

    public double Risk { get; set; }

    public RiskLevel Level { get; set; }

    public double Logit { get; set; }

    /// <summary>The logit before any feature's contribution (the model's intercept), kept so an old prediction explains itself after its model is gone.</summary>
    public double Baseline { get; set; }

    /// <summary>Scored by a version standing in for the one meant to serve (see ModelServing).</summary>
    public bool Degraded { get; set; }

    /// <summary>The asynchronous job that scored it, if any, and the row of the job's input it answers.</summary>
    public Guid? JobId { get; set; }

    public int? RowIndex { get; set; }

    /// <summary>The features as scored (imputed values included), JSON.</summary>
    public required string Features { get; set; }

    /// <summary>Every feature's contribution to the logit, JSON.</summary>
    public required string Factors { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How <see cref="Level"/> is spelled in its column, by the EF mapping and by COPY alike.</summary>
    public static string LevelColumn(RiskLevel level) => level.ToString().ToLowerInvariant();

    /// <summary>Now, to the microsecond PostgreSQL keeps, so an answer says what a later read will.</summary>
    public static DateTimeOffset Timestamp(TimeProvider time) => ToStoredPrecision(time.GetUtcNow());

    /// <summary><paramref name="instant"/> cut to the microsecond PostgreSQL keeps.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % 10));
}
