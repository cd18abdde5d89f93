using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Prediction.Scoring.Artifacts;

/// <summary>Reads and writes artifacts as camelCase JSON; unreadable JSON is an invalid artifact, named by its path.</summary>
public static class ModelArtifactJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static ModelArtifact Read(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelArtifact>(json, Options) ?? throw new InvalidArtifactException(source, ["the file holds null"]);
        }
        catch (JsonException ex)
        {
            throw new InvalidArtifactException(source, [$"not a readable artifact at {ex.Path ?? "$"}: {ex.Message}"]);
        }
    }

    public static string Write(ModelArtifact artifact) => JsonSerializer.Serialize(artifact, Options);
}
