namespace Platform.ServiceDefaults.Security;

/// <summary>The platform admin key (configuration <c>Platform:AdminKey</c>, env <c>Platform__AdminKey</c>); a secret.</summary>
public sealed class AdminKeyOptions
{
    public const string Section = "Platform";

    /// <summary>Unset: admin endpoints refuse everyone.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Shortest key accepted: a guessable admin key is worse than none.</summary>
    public const int MinimumLength = 32;
}
