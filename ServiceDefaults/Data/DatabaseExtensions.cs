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

        connectionString = Tuned(connectionString);
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

    // More than the distinct statements any service here runs often.
    private const int AutoPreparedStatements = 64;

    /// <summary>
    /// Npgsql defaults that cost server time on every statement, changed unless the connection
    /// string sets them. Statements a connection runs often are prepared (PostgreSQL then skips
    /// parsing and planning them: under steady load that was a third of its CPU), and a connection
    /// goes back to the pool without <c>DISCARD ALL</c> (nothing here leaves session state behind:
    /// locks and settings are transaction-scoped).
    /// </summary>
    internal static string Tuned(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey says whether a keyword exists, not whether it was given.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(params string[] keys) => keys.Any(given.ContainsKey);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Given("Max Auto Prepare", nameof(builder.MaxAutoPrepare))) builder.MaxAutoPrepare = AutoPreparedStatements;
        if (!Given("No Reset On Close", nameof(builder.NoResetOnClose))) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
