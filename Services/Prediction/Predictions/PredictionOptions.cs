using System.ComponentModel.DataAnnotations;

namespace Platform.Prediction.Predictions;

/// <summary><c>Prediction:Scoring</c>: the model a request gets when it names none, and batch limits.</summary>
public sealed class PredictionOptions
{
    public const string Section = "Prediction:Scoring";

    [Required]
    public string DefaultModel { get; set; } = "iit-risk";

    /// <summary>Rows one synchronous batch may hold; larger work goes to an asynchronous job.</summary>
    [Range(1, 100_000)]
    public int MaxBatchRows { get; set; } = 10_000;

    /// <summary>Rows one asynchronous job may hold (about 230 bytes of JSON each: 100,000 fit the gateway's 28 MiB job body).</summary>
    [Range(1, 1_000_000)]
    public int MaxJobRows { get; set; } = 100_000;

    /// <summary>Factors listed per row of a batch (a single prediction lists them all).</summary>
    [Range(1, 50)]
    public int BatchTopFactors { get; set; } = 3;
}
