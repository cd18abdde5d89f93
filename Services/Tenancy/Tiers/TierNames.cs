using Platform.Tenancy.Common;

namespace Platform.Tenancy.Tiers;

/// <summary>Tier names as the API and the events spell them.</summary>
public static class TierNames
{
    public static string Of(Tier tier) => LowerCaseNames.Of(tier);

    public static bool TryParse(string? value, out Tier tier) => LowerCaseNames.TryParse(value, out tier);

    public static string All => LowerCaseNames.All<Tier>();
}
