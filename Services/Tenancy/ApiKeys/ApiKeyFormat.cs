using System.Security.Cryptography;

namespace Platform.Tenancy.ApiKeys;

/// <summary>
/// Keys look like <c>pk_{tenant}_{secret}</c>: the tenant id (which never contains '_') makes a
/// key recognisable in logs and secret scanners; the secret is 43 characters drawn uniformly from
/// 62 by a CSPRNG, about 256 bits.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "pk_";
    public const int SecretLength = 43;
    private const int HintSecretCharacters = 4;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate(string tenantId) =>
        $"{Prefix}{tenantId}_{new string(RandomNumberGenerator.GetItems<char>(Alphabet, SecretLength))}";

    /// <summary>The tenant a well-formed key names; false for anything else (never a reason to look it up).</summary>
    public static bool TryParse(string? key, out string tenantId)
    {
        tenantId = "";
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var separator = key.IndexOf('_', Prefix.Length);
        if (separator < 0 || key.Length - separator - 1 != SecretLength) return false;
        if (!key.AsSpan(separator + 1).ContainsOnlyAlphanumerics()) return false;
        tenantId = key[Prefix.Length..separator];
        return tenantId.Length > 0;
    }

    public static string Hint(string key) => key[..(key.IndexOf('_', Prefix.Length) + 1 + HintSecretCharacters)] + "…";

    private static bool ContainsOnlyAlphanumerics(this ReadOnlySpan<char> value)
    {
        foreach (var c in value) if (!char.IsAsciiLetterOrDigit(c)) return false;
        return true;
    }
}
