using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// AUTH (when the connection string has a password) and PING over RESP, with a short timeout.
/// Connection strings use the StackExchange.Redis form Aspire injects:
/// <c>host:port[,password=...][,user=...]</c>.
/// </summary>
internal sealed class RedisHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var parts = connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var endpoint = parts.Length > 0 ? parts[0] : "localhost";
        var separator = endpoint.LastIndexOf(':');
        var host = separator > 0 ? endpoint[..separator] : endpoint;
        var port = separator > 0 && int.TryParse(endpoint[(separator + 1)..], out var p) ? p : 6379;
        var options = parts.Skip(1).Select(o => o.Split('=', 2)).Where(o => o.Length == 2)
            .ToDictionary(o => o[0].ToLowerInvariant(), o => o[1]);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            var stream = client.GetStream();
            if (options.TryGetValue("password", out var password))
            {
                string[] auth = options.TryGetValue("user", out var user) ? ["AUTH", user, password] : ["AUTH", password];
                var authReply = await CommandAsync(stream, auth, timeout.Token);
                // The reply, never the password, goes into the report.
                if (!authReply.StartsWith("+OK", StringComparison.Ordinal))
                    return new HealthCheckResult(context.Registration.FailureStatus, $"authentication failed: {authReply.TrimEnd()}");
            }
            var reply = await CommandAsync(stream, ["PING"], timeout.Token);
            return reply.StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy("PONG")
                : new HealthCheckResult(context.Registration.FailureStatus, $"unexpected reply: {reply.TrimEnd()}");
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "redis unreachable", ex);
        }
    }

    // One RESP array of bulk strings; replies here are single short lines.
    private static async Task<string> CommandAsync(NetworkStream stream, string[] arguments, CancellationToken cancellationToken)
    {
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer, cancellationToken);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
