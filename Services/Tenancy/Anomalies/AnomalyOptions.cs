using System.ComponentModel.DataAnnotations;

namespace Platform.Tenancy.Anomalies;

/// <summary>Configuration <c>Tenancy:Anomalies</c>.</summary>
public sealed class AnomalyOptions
{
    public const string Section = "Tenancy:Anomalies";

    /// <summary>How often yesterday's spend is checked (a check of a day already judged changes nothing).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);
}
