using System.ComponentModel.DataAnnotations;

namespace Platform.Prediction.Models;

/// <summary><c>Prediction:Models</c>: where the service finds its artifacts (<c>{name}.v{version}.json</c>).</summary>
public sealed class ModelRegistryOptions
{
    public const string Section = "Prediction:Models";

    /// <summary>Absolute, or relative to the service's content root.</summary>
    [Required]
    public string Directory { get; set; } = "Models";
}
