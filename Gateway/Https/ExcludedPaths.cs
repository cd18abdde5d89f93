namespace Platform.Gateway.Https;

/// <summary>Exact paths and <c>prefix*</c> patterns, compared case-insensitively as ASP.NET routes are.</summary>
public sealed class ExcludedPaths(IEnumerable<string> patterns)
{
    private readonly (string Value, bool Prefix)[] _patterns =
        [.. patterns.Select(p => p.EndsWith('*') ? (p[..^1], true) : (p, false))];

    public bool Matches(PathString path)
    {
        var value = path.Value ?? "/";
        foreach (var (pattern, prefix) in _patterns)
        {
            if (prefix ? value.StartsWith(pattern, StringComparison.OrdinalIgnoreCase) : value.Equals(pattern, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
