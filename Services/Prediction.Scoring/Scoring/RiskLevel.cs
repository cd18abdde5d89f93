using System.Text.Json.Serialization;

namespace Platform.Prediction.Scoring.Scoring;

[JsonConverter(typeof(JsonStringEnumConverter<RiskLevel>))]
public enum RiskLevel
{
    Low,
    Medium,
    High,
    Critical,
}
