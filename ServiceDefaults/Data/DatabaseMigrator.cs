using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Applies the service's EF Core migrations before it serves requests (creating the database
/// when missing). Retries for a bounded time while PostgreSQL is still starting, then fails
/// the startup so the orchestrator reports and restarts it.
/// </summary>
internal sealed partial class DatabaseMigrator<TContext>(IServiceProvider services, ILogger<DatabaseMigrator<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Budget;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var context = scope.ServiceProvider.GetRequiredService<TContext>();
                await context.Database.MigrateAsync(cancellationToken);
                LogMigrated(typeof(TContext).Name, attempt);
                return;
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                LogRetry(typeof(TContext).Name, attempt, ex.GetBaseException().Message);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(200 * attempt, 3000)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Database for {Context} is migrated (attempt {Attempt})")]
    private partial void LogMigrated(string context, int attempt);

    [LoggerMessage(LogLevel.Warning, "Migrating {Context} failed on attempt {Attempt}: {Reason}; retrying")]
    private partial void LogRetry(string context, int attempt, string reason);
}
