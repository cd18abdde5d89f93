using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// Opens a connection to the service's database and runs a trivial query, bounded by a short
/// timeout so /health answers quickly even when the server is unreachable.
/// </summary>
internal sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        Timeout = 3,
        CommandTimeout = 3,
    }.ConnectionString;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"database '{connection.Database}' reachable");
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "database unreachable", ex);
        }
    }
}
