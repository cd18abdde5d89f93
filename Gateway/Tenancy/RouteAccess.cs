namespace Platform.Gateway.Tenancy;

/// <summary>
/// Who may call a route: its YARP metadata <c>"Access"</c>. Routes say nothing by default and
/// are then tenant routes: the gateway never forwards a request it has not attributed.
/// </summary>
public static class RouteAccess
{
    public const string MetadataKey = "Access";

    /// <summary>A tenant's API key; the gateway sets <c>X-Tenant-ID</c> and <c>X-Tenant-Tier</c>.</summary>
    public const string Tenant = "tenant";

    /// <summary>The platform admin key only; tenant keys are refused.</summary>
    public const string Admin = "admin";
}
