using System.ComponentModel.DataAnnotations;

namespace Platform.Prediction.Models;

/// <summary><c>Prediction:Models</c>: where the service finds its artifacts (<c>{name}.v{version}.json</c>) and how fast activations spread.</summary>
public sealed class ModelRegistryOptions
{
    public const string Section = "Prediction:Models";

    /// <summary>Absolute, or relative to the service's content root.</summary>
    [Required]
    public string Directory { get; set; } = "Models";

    /// <summary>How often an instance re-reads the activated versions: the longest an admin's activation takes to reach every instance.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ActivationRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
