namespace Platform.Prediction.Models;

/// <summary>
/// An operator's choice of the version a model name serves, kept in the database so that every
/// instance, and every restart, serves the same one. Without a row a name serves its newest version.
/// </summary>
public sealed class ModelActivation
{
    public required string Name { get; set; }

    public int Version { get; set; }

    /// <summary>What the name was meant to serve before this choice, for the audit trail.</summary>
    public int? PreviousVersion { get; set; }

    public DateTimeOffset ActivatedAt { get; set; }
}
