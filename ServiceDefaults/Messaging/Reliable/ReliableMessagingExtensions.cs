using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Resilience;

namespace Platform.ServiceDefaults.Messaging.Reliable;

public static class ReliableMessagingExtensions
{
    /// <summary>
    /// Transactional outbox and idempotent consumers on the service's own database
    /// (<typeparamref name="TContext"/>, whose model must call <see cref="ReliableMessagingModel.AddReliableMessaging"/>).
    /// Stands in for MassTransit.EntityFrameworkCore, which is not available here.
    /// </summary>
    public static IHostApplicationBuilder AddReliableMessaging<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        builder.AddPlatformResilience();
        builder.Services.AddOptions<ReliableMessagingOptions>()
            .BindConfiguration(ReliableMessagingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSignalInterceptor>();
        builder.Services.TryAddSingleton<RabbitMqConfirmingPublisher>();
        builder.Services.TryAddSingleton<RabbitMqOutboxTransport>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<IOutbox, Outbox<TContext>>();
        builder.Services.AddScoped<IReliableMessagingStore, ReliableMessagingStore<TContext>>();
        builder.Services.AddScoped<AfterInboxCommit>();
        builder.Services.AddSingleton<InboxCommitGroup<TContext>>();
        builder.Services.AddSingleton<InboxTurnInterceptor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<InboxCommitGroup<TContext>>());
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        return builder;
    }
}
