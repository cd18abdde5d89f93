namespace Platform.Tenancy.Tiers;

/// <summary>Tier names as the API and the events spell them.</summary>
public static class TierNames
{
    public static string Of(Tier tier) => tier.ToString().ToLowerInvariant();

    public static bool TryParse(string? value, out Tier tier)
    {
        tier = default;
        // Only the documented names: no numbers, no mixed case surprises.
        return value is not null && value.All(char.IsAsciiLetterLower) && Enum.TryParse(value, ignoreCase: true, out tier) && Of(tier) == value;
    }

    public static readonly string All = string.Join(", ", Enum.GetValues<Tier>().Select(Of));
}
