using System.Text.Json.Serialization;

namespace Platform.Prediction.Scoring.Artifacts;

[JsonConverter(typeof(JsonStringEnumConverter<FeatureType>))]
public enum FeatureType
{
    Number,
    Boolean,
    Category,
}
