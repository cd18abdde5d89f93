using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Tenancy.Data;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Tenancy.Extensions;

public static class Extensions
{
    public const string ServiceName = "tenancy";
    public const string DatabaseName = "tenancydb";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<TenancyDbContext>(DatabaseName);
        builder.AddReliableMessaging<TenancyDbContext>();
        builder.AddPlatformMessaging(ServiceName);
        return builder;
    }
}
