using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Notification.Data;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Notification.Extensions;

public static class Extensions
{
    public const string ServiceName = "notification";
    public const string DatabaseName = "notificationdb";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<NotificationDbContext>(DatabaseName);
        builder.AddReliableMessaging<NotificationDbContext>();
        builder.AddPlatformMessaging(ServiceName);
        return builder;
    }
}
