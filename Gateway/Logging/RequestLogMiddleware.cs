using System.Diagnostics;
using Microsoft.Extensions.Options;
using Platform.Gateway.Limits;
using Platform.Gateway.Tenancy;

namespace Platform.Gateway.Logging;

/// <summary>
/// One structured line per request and response: method, path (never the query string, where
/// clients put tokens), status, duration, client address, tenant, and which credentials were
/// presented (by name, never by value). Slower than the threshold: a warning.
/// </summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options, ILogger<RequestLogMiddleware> logger)
{
    private static readonly string[] CredentialHeaders = ["Authorization", "X-API-Key", "X-Admin-Key", "Cookie", "Proxy-Authorization"];

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var request = context.Request;
            var credentials = string.Join(",", CredentialHeaders.Where(request.Headers.ContainsKey));
            var tenant = GatewayAccessMiddleware.TenantOf(context)?.TenantId;
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
            var address = context.Connection.RemoteIpAddress?.ToString();
            if (elapsed >= options.Value.SlowRequestThreshold)
                LogSlow(logger, request.Method, request.Path.Value, status, elapsed.TotalMilliseconds, address, tenant, credentials);
            else
                LogRequest(logger, request.Method, request.Path.Value, status, elapsed.TotalMilliseconds, address, tenant, credentials);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{Method} {Path} -> {Status} in {ElapsedMs:0.0} ms (client {ClientAddress}, tenant {TenantId}, credentials {Credentials})")]
    private static partial void LogRequest(ILogger logger, string method, string? path, int status, double elapsedMs, string? clientAddress, string? tenantId, string credentials);

    [LoggerMessage(2, LogLevel.Warning, "Slow request: {Method} {Path} -> {Status} in {ElapsedMs:0.0} ms (client {ClientAddress}, tenant {TenantId}, credentials {Credentials})")]
    private static partial void LogSlow(ILogger logger, string method, string? path, int status, double elapsedMs, string? clientAddress, string? tenantId, string credentials);
}
