using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Alerting.Data;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Alerting.Extensions;

public static class Extensions
{
    public const string ServiceName = "alerting";
    public const string DatabaseName = "alertingdb";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AlertingDbContext>(DatabaseName);
        builder.AddReliableMessaging<AlertingDbContext>();
        builder.AddPlatformMessaging(ServiceName);
        return builder;
    }
}
