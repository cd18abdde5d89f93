using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Prediction.Data;
using Platform.Prediction.Models;
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
        builder.AddModelRegistry();
        // Feature types and risk levels travel as the artifact format spells them (number, high, …).
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        return builder;
    }
}
