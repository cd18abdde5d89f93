using System.Text.RegularExpressions;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Tenancy;

public static partial class TenantIdFormat
{
    /// <summary>A tenant id is a slug of 3 to 63 characters: lower-case letters, digits and '-'.</summary>
    public static bool IsValid(string? value) =>
        value is not null && (value == TenantIds.Platform || Slug().IsMatch(value));

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
