using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Observability.Data;
using Platform.Observability.Instances;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Observability.Extensions;

public static class Extensions
{
    public const string ServiceName = "observability";
    public const string DatabaseName = "observabilitydb";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ObservabilityDbContext>(DatabaseName);
        builder.AddReliableMessaging<ObservabilityDbContext>();
        builder.AddPlatformMessaging(ServiceName, bus => bus.AddConsumer<ServiceInstanceAnnouncedConsumer>());
        return builder;
    }
}
