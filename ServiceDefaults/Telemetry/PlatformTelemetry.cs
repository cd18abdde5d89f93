namespace Platform.ServiceDefaults.Telemetry;

/// <summary>The activity sources and meters every service exports.</summary>
public static class PlatformTelemetry
{
    /// <summary>Prefix of the platform's own sources and meters ("Platform.Gateway", ...).</summary>
    public const string Prefix = "Platform";

    /// <summary>
    /// Built-in sources: ASP.NET Core, HttpClient, MassTransit and Npgsql all emit activities
    /// natively, so no instrumentation packages are needed (none can be restored here).
    /// </summary>
    public static readonly string[] ActivitySources =
        ["Microsoft.AspNetCore", "System.Net.Http", "MassTransit", "Npgsql", Prefix + ".*"];

    public static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.RateLimiting", "System.Net.Http", "System.Runtime",
        "MassTransit", "Npgsql", Prefix + ".*",
    ];
}
