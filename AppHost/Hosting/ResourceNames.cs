using System.Text.RegularExpressions;

namespace Platform.AppHost.Hosting;

/// <summary>Resource names become environment keys and manifest expressions: keep them plain.</summary>
public static partial class ResourceNames
{
    public static string Validate(string name) => Pattern().IsMatch(name)
        ? name
        : throw new ArgumentException($"Resource name '{name}' must start with a letter and contain only a-z, 0-9 and '-'.", nameof(name));

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex Pattern();
}
