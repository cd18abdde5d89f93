using System.ComponentModel.DataAnnotations;

namespace Platform.Prediction.Predictions;

/// <summary><c>Prediction:Scoring</c>: the model a request gets when it names none.</summary>
public sealed class PredictionOptions
{
    public const string Section = "Prediction:Scoring";

    [Required]
    public string DefaultModel { get; set; } = "iit-risk";
}
