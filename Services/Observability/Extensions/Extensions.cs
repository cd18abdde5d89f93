using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.Observability.Apis.CircuitBreakers;
using Platform.Observability.Data;
using Platform.Observability.DeadLetters;
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
        builder.Services.AddOptions<DeadLetterOptions>()
            .BindConfiguration(DeadLetterOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DeadLetterRetrier>();
        builder.Services.AddSingleton<ServiceAdminClient>();
        builder.Services.AddHostedService<DeadLetterArchiver>();
        return builder;
    }
}
