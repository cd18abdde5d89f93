namespace Platform.Prediction.Outcomes;

/// <summary>The observed outcome of one stored prediction, as its tenant reported it.</summary>
public sealed class PredictionOutcome
{
    public Guid PredictionId { get; set; }

    public required string TenantId { get; set; }

    /// <summary>Whether the patient interrupted treatment: the event the model predicts.</summary>
    public bool Interrupted { get; set; }

    public DateTimeOffset ObservedAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
