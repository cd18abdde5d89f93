using Platform.Prediction.Data;
using Platform.Prediction.Jobs;
using Platform.Prediction.Models;
using Platform.Prediction.Predictions;
using Platform.Prediction.QuotaLeasing;
using Platform.Prediction.Telemetry;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Prediction.Extensions;

public static class Extensions
{
    public const string ServiceName = "prediction";
    public const string DatabaseName = "predictiondb";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PredictionDbContext>(DatabaseName);
        builder.AddReliableMessaging<PredictionDbContext>();
        builder.AddPlatformMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<PredictionJobConsumer>();
            bus.AddConsumer<PredictionJobFaultConsumer>();
        });
        builder.AddModelRegistry();
        builder.Services.AddOptions<PredictionOptions>().BindConfiguration(PredictionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<BatchScoring>();
        builder.Services.AddInstruments<PredictionMetrics>();
        builder.Services.AddHttpClient<QuotaClient>(client => client.BaseAddress = new Uri("http://tenancy"));
        builder.AddQuotaLeases();
        return builder;
    }
}
