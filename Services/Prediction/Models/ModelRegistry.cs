using Platform.Prediction.Scoring.Artifacts;
using Platform.Prediction.Scoring.Scoring;

namespace Platform.Prediction.Models;

/// <summary>
/// The artifacts this instance found at start-up in <c>{name}.v{version}.json</c> files: the
/// valid ones compiled for scoring, the invalid ones refused with their reasons (logged, and
/// reported by the health check). Which version of a name serves is <see cref="ModelServing"/>'s
/// decision, not this catalogue's.
/// </summary>
public sealed class ModelRegistry(IReadOnlyList<RiskModel> models, IReadOnlyList<RejectedArtifact> rejected)
{
    public const string FilePattern = "*.v*.json";

    public IReadOnlyList<RiskModel> Models { get; } = [.. models.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Version)];

    public IReadOnlyList<RejectedArtifact> Rejected { get; } = rejected;

    /// <summary>Every model name with at least one artifact file, loaded or refused.</summary>
    public IReadOnlyList<string> Names =>
        [.. Models.Select(m => m.Name).Concat(Rejected.Select(r => r.Name).OfType<string>()).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>That exact version, if it loaded.</summary>
    public RiskModel? Find(string name, int version) => Models.FirstOrDefault(m => m.Name == name && m.Version == version);

    /// <summary>The highest version of <paramref name="name"/> that has a file, loaded or refused.</summary>
    public int? NewestVersion(string name) =>
        Models.Where(m => m.Name == name).Select(m => (int?)m.Version).Concat(Rejected.Where(r => r.Name == name).Select(r => r.Version)).Max();

    /// <summary>Whether <paramref name="name"/> v<paramref name="version"/> has a file, loaded or refused.</summary>
    public bool HasFile(string name, int version) =>
        Find(name, version) is not null || Rejected.Any(r => r.Name == name && r.Version == version);

    /// <summary>The newest loaded version below <paramref name="version"/>: what serves when that one cannot.</summary>
    public RiskModel? Below(string name, int version) => Models.Where(m => m.Name == name && m.Version < version).MaxBy(m => m.Version);

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
