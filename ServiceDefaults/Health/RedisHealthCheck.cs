using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.RedisClient;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// A fresh connection (AUTH when the connection string has a password) and PING, each bounded by
/// three seconds, so /health tells whether Redis can be reached now, not whether it once could.
/// </summary>
internal sealed class RedisHealthCheck(string connectionString) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endpoint = RedisEndpoint.Parse(connectionString) with { ConnectTimeout = Timeout, CommandTimeout = Timeout };
        await using var client = new RedisClient.RedisClient(endpoint);
        try
        {
            return await client.PingAsync(cancellationToken)
                ? HealthCheckResult.Healthy("PONG")
                : new HealthCheckResult(context.Registration.FailureStatus, "unexpected reply to PING");
        }
        catch (RedisConnectionException ex) when (ex.CredentialsRefused)
        {
            // The server's reply, never the password.
            return new HealthCheckResult(context.Registration.FailureStatus, $"authentication failed: {ex.Message}");
        }
        catch (RedisServerException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"redis refused PING: {ex.Message}");
        }
        catch (Exception ex) when (ex is RedisConnectionException or TimeoutException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "redis unreachable", ex);
        }
    }
}
