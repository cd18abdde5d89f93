using System.Text.RegularExpressions;

namespace Platform.Prediction.Models;

/// <summary>
/// An artifact file the service refused to serve, and why. <see cref="Name"/> and
/// <see cref="Version"/> come from the file name (<c>{name}.v{version}.json</c>), since the file
/// itself may not be readable: a refused version still counts when deciding which version a name
/// is meant to serve, so that a broken newest artifact is noticed as a fallback, not hidden.
/// </summary>
public sealed partial record RejectedArtifact(string File, IReadOnlyList<string> Reasons)
{
    public string? Name => FileName().Match(File) is { Success: true } m ? m.Groups["name"].Value : null;

    public int? Version => FileName().Match(File) is { Success: true } m && int.TryParse(m.Groups["version"].Value, out var v) ? v : null;

    [GeneratedRegex(@"^(?<name>.+)\.v(?<version>[0-9]{1,9})\.json$")]
    private static partial Regex FileName();
}
