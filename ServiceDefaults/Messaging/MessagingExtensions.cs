using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Messaging.Redelivery;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.ServiceDefaults.Messaging;

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit over RabbitMQ from <c>ConnectionStrings:messaging</c>: kebab-case endpoints
    /// prefixed with the service name (so two services never compete for one queue), immediate
    /// retries with exponential backoff, then delayed redeliveries per message kind
    /// (<see cref="RedeliveryScheduler"/>), then <c>&lt;queue&gt;_error</c>; the tenant travels in a
    /// header; a bus health check joins /health. Announces the instance once connected.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformMessaging(
        this IHostApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString("messaging");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:messaging is not set. Set ConnectionStrings__messaging to an AMQP URI, e.g. amqp://guest:guest@localhost:5672/");
        }
        var address = RabbitMqAddress.Parse(connectionString);

        builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DelayedRedeliveryOptions>()
            .BindConfiguration(DelayedRedeliveryOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(new ServiceIdentity(serviceName));
        builder.Services.TryAddSingleton<RabbitMqConfirmingPublisher>();
        builder.Services.TryAddSingleton<Reliable.RabbitMqOutboxTransport>();
        builder.Services.TryAddSingleton<Reliable.ConfirmedEventPublisher>();
        builder.Services.AddSingleton<MessageKindRegistry>();
        builder.Services.AddSingleton<RedeliveryScheduler>();
        builder.Services.AddSingleton<MessageSizeGuardFilter>();
        builder.Services.AddSingleton<ReceiveQueueObserver>();
        builder.Services.AddReceiveEndpointObserver(provider => provider.GetRequiredService<ReceiveQueueObserver>());
        builder.Services.TryAddSingleton<TenantContextAccessor>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false));
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                rabbit.Host(address.Host, address.Port, address.VirtualHost, host =>
                {
                    host.Username(address.User);
                    host.Password(address.Password);
                });
                rabbit.PrefetchCount = options.PrefetchCount;
                // MassTransit puts the retry filter outside every other filter whatever the order,
                // so the redelivery filter acts only on the last immediate attempt.
                rabbit.UseMessageRetry(retry =>
                {
                    if (options.RetryLimit == 0) retry.None();
                    else retry.Exponential(options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval, options.RetryMinInterval);
                    foreach (var permanent in RedeliveryScheduler.PermanentFailures) retry.Ignore(permanent);
                });
                rabbit.UseFilter(context.GetRequiredService<MessageSizeGuardFilter>());
                rabbit.UseConsumeFilter(typeof(RedeliveryFilter<>), context);
                rabbit.UsePublishFilter(typeof(TenantPublishFilter<>), context);
                rabbit.UseSendFilter(typeof(TenantPublishFilter<>), context);
                rabbit.UseConsumeFilter(typeof(TenantConsumeFilter<>), context);
                // Services with AddReliableMessaging apply each message at most once.
                if (context.GetService<OutboxSignal>() is not null) rabbit.UseConsumeFilter(typeof(InboxFilter<>), context);
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddHostedService<ServiceAnnouncer>();
        builder.Services.AddSingleton<ConsumeActivity>();
        builder.Services.AddHostedService<ReceiveEndpointWatchdog>();
        return builder;
    }
}
