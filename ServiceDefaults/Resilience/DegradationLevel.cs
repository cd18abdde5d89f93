using System.Text.Json.Serialization;

namespace Platform.ServiceDefaults.Resilience;

/// <summary>How much of its function a service has lost, from none to all.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DegradationLevel>))]
public enum DegradationLevel
{
    Normal,
    Minor,
    Moderate,
    Severe,
    Critical,
}
