namespace Platform.Tenancy.Common;

/// <summary>
/// Enum values as the API, the events and the tables spell them: the lower-case name, and only
/// that (no numbers, no other casing), so "Gold", "1" and "FREE" are all refused.
/// </summary>
public static class LowerCaseNames
{
    public static string All<T>() where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(Of));

    public static string Of<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string? value, out T parsed) where T : struct, Enum
    {
        parsed = default;
        return value is { Length: > 0 } && value.All(char.IsAsciiLetterLower) && Enum.TryParse(value, ignoreCase: true, out parsed) && Of(parsed) == value;
    }
}
