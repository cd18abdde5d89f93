using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Rag.Data;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Rag.Extensions;

public static class Extensions
{
    public const string ServiceName = "rag";
    public const string DatabaseName = "ragdb";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<RagDbContext>(DatabaseName);
        builder.AddReliableMessaging<RagDbContext>();
        builder.AddPlatformMessaging(ServiceName);
        return builder;
    }
}
