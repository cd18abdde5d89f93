namespace Platform.Tenancy.Costs;

/// <summary>What a tenant is billed for; the names the API and the cost table use.</summary>
public static class CostCategories
{
    public const string ApiCalls = "api-calls";
    public const string Inference = "inference";
    public const string Storage = "storage";
    public const string Database = "database";
    public const string ThirdParty = "third-party";

    public static readonly IReadOnlyList<string> All = [ApiCalls, Inference, Storage, Database, ThirdParty];
}
