using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Prediction.Data;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Prediction.Extensions;

public static class Extensions
{
    public const string ServiceName = "prediction";
    public const string DatabaseName = "predictiondb";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PredictionDbContext>(DatabaseName);
        builder.AddReliableMessaging<PredictionDbContext>();
        builder.AddPlatformMessaging(ServiceName);
        return builder;
    }
}
