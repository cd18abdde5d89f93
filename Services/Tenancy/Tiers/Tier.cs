namespace Platform.Tenancy.Tiers;

/// <summary>Service tiers; stored and sent as lower-case names.</summary>
public enum Tier
{
    Free,
    Basic,
    Professional,
    Enterprise,
}
