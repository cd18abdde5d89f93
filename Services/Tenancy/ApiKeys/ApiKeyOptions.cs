namespace Platform.Tenancy.ApiKeys;

/// <summary>Configuration <c>Tenancy:ApiKeys</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Tenancy:ApiKeys";

    public const int MinimumHashKeyLength = 32;

    /// <summary>
    /// The secret the key hashes are keyed with, kept outside the database so a copy of the
    /// database alone cannot be used to test guesses. Unset: keys can be neither issued nor resolved.
    /// </summary>
    public string? HashKey { get; set; }

    /// <summary>How stale <see cref="ApiKey.LastUsedAt"/> may get before a resolve writes it again.</summary>
    public TimeSpan LastUsedPrecision { get; set; } = TimeSpan.FromMinutes(1);
}
