using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Messaging.Reliable;

namespace Platform.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database from <c>ConnectionStrings:{connectionName}</c>
    /// (Aspire's convention), migrated at startup and checked by /health as "postgres".
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{connectionName} is not set. Set ConnectionStrings__{connectionName} to a PostgreSQL connection string, e.g. Host=localhost;Username=postgres;Password=...;Database={connectionName}");
        }

        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            options.UseNpgsql(connectionString);
            // With reliable messaging, commits wake the outbox dispatcher at once, and the inbox
            // sees whether a failed delivery had sent anything on a shared transaction.
            if (services.GetService<OutboxSignalInterceptor>() is { } outbox) options.AddInterceptors(outbox);
            if (services.GetService<InboxTurnInterceptor>() is { } turns) options.AddInterceptors(turns);
        });
        builder.Services.AddHostedService<DatabaseMigrator<TContext>>();
        builder.Services.AddHealthChecks()
            .AddCheck("postgres", new PostgresHealthCheck(connectionString), tags: [HealthTags.Ready]);
        return builder;
    }
}
