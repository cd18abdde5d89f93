namespace Platform.Tests.Infrastructure;

/// <summary>One of the platform's runnable apps, as the tests start it.</summary>
/// <param name="Name">Logical name: service discovery key and OTEL_SERVICE_NAME.</param>
/// <param name="Database">Its database's connection name, or null when it owns none.</param>
/// <param name="RoutePrefix">A gateway path routed to it.</param>
/// <param name="UsesInlineIo">The AppHost runs it with inline I/O (ServiceDefaults/Hosting/InlineIo.cs), and so do the tests.</param>
public sealed record PlatformProject(string Name, string Directory, string AssemblyName, string? Database, string RoutePrefix, bool UsesInlineIo = false)
{
    public static readonly PlatformProject Prediction = new("prediction", "Services/Prediction", "Platform.Prediction", "predictiondb", "/v1/predictions", UsesInlineIo: true);
    public static readonly PlatformProject Notification = new("notification", "Services/Notification", "Platform.Notification", "notificationdb", "/v1/notifications");
    public static readonly PlatformProject Alerting = new("alerting", "Services/Alerting", "Platform.Alerting", "alertingdb", "/v1/alerts");
    public static readonly PlatformProject Tenancy = new("tenancy", "Services/Tenancy", "Platform.Tenancy", "tenancydb", "/v1/budgets");
    public static readonly PlatformProject Rag = new("rag", "Services/Rag", "Platform.Rag", "ragdb", "/v1/rag");
    public static readonly PlatformProject Observability = new("observability", "Services/Observability", "Platform.Observability", "observabilitydb", "/v1/observability");
    public static readonly PlatformProject Gateway = new("gateway", "Gateway", "Platform.Gateway", null, "", UsesInlineIo: true);
    public static readonly PlatformProject AppHost = new("apphost", "AppHost", "Platform.AppHost", null, "");

    public static readonly PlatformProject[] Services = [Prediction, Notification, Alerting, Tenancy, Rag, Observability];

    public override string ToString() => Name;
}
