using Platform.Prediction.Scoring.Artifacts;
using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Models;

/// <summary>
/// The models this instance serves, loaded once at start-up from <c>{name}.v{version}.json</c>
/// files. An invalid artifact is refused with its reasons (logged, and reported by the health
/// check) while the valid ones serve; the active version of a name is its highest valid one.
/// </summary>
public sealed class ModelRegistry(IReadOnlyList<RiskModel> models, IReadOnlyList<RejectedArtifact> rejected)
{
    public const string FilePattern = "*.v*.json";

    public IReadOnlyList<RiskModel> Models { get; } = [.. models.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Version)];

    public IReadOnlyList<RejectedArtifact> Rejected { get; } = rejected;

    public RiskModel? Active(string name) => Models.Where(m => m.Name == name).MaxBy(m => m.Version);

    /// <summary>That exact version, or the active one of <paramref name="name"/>; null when it is not served.</summary>
    public RiskModel? Find(string name, int? version) =>
        version is { } v ? Models.FirstOrDefault(m => m.Name == name && m.Version == v) : Active(name);

    public bool IsActive(RiskModel model) => ReferenceEquals(Active(model.Name), model);

    public static ModelRegistry Load(string directory)
    {
        var models = new List<RiskModel>();
        var rejected = new List<RejectedArtifact>();
        if (!System.IO.Directory.Exists(directory)) return new ModelRegistry(models, [new RejectedArtifact(directory, ["the model directory does not exist"])]);
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, FilePattern).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            try
            {
                var model = RiskModel.Compile(ModelArtifactJson.Read(File.ReadAllText(file), name));
                if (name != $"{model.Name}.v{model.Version}.json") rejected.Add(new RejectedArtifact(name, [$"the file name must be {model.Name}.v{model.Version}.json"]));
                else if (models.Any(m => m.Name == model.Name && m.Version == model.Version)) rejected.Add(new RejectedArtifact(name, ["that name and version is loaded already"]));
                else models.Add(model);
            }
            catch (InvalidArtifactException ex)
            {
                rejected.Add(new RejectedArtifact(name, ex.Reasons));
            }
        }
        return new ModelRegistry(models, rejected);
    }
}
