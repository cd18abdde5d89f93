using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Gateway.RateLimiting;
using Platform.Gateway.Telemetry;
using Platform.Gateway.Tenancy;
using Platform.ServiceDefaults.RedisClient;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> semantics (IETF httpapi draft) per tenant: the first request with a key
/// is processed while an in-flight marker holds the key; a concurrent one gets 409; the same key
/// on another method, path or body gets 422; a completed request is answered again byte for byte
/// with <c>Idempotency-Replayed: true</c> and <c>Original-Date</c>; a 5xx frees the key so a retry
/// runs. Without Redis nothing is processed (503): a key that cannot be checked could let a
/// request run twice.
/// </summary>
public sealed partial class IdempotencyMiddleware(
    RequestDelegate next,
    IdempotencyStore store,
    IOptions<IdempotencyOptions> options,
    GatewayMetrics metrics,
    ILogger<IdempotencyMiddleware> logger)
{
    public const string MetadataKey = "Idempotency";
    public const string Required = "required";

    // Replayed as they were; framing and per-response headers (Date, RateLimit) are the new response's own.
    private static readonly string[] ReplayedHeaders =
        ["Content-Type", "Content-Language", "Content-Location", "Content-Disposition", "Location", "ETag", "Last-Modified", "Cache-Control"];

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        var request = context.Request;
        if (!settings.Enabled || !settings.EffectiveMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var header = request.Headers[IdempotencyKey.Header];
        if (header.Count == 0)
        {
            if (IsRequired(context))
            {
                await RefuseAsync(context, StatusCodes.Status400BadRequest, "Idempotency-Key required", $"This route processes {request.Method} requests only with an {IdempotencyKey.Header} header, so that a retry cannot apply them twice.");
                return;
            }
            await next(context);
            return;
        }
        if (!IdempotencyKey.TryParse(header, out var key, out var error))
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "Invalid Idempotency-Key", error);
            return;
        }

        // A route that takes larger bodies (a prediction batch) takes them with a key too.
        var maxBytes = (int)Math.Min(int.MaxValue, Limits.RequestLimitsMiddleware.RouteLimit(context) ?? settings.MaxRequestBytes);
        var body = await ReadBodyAsync(context, maxBytes);
        if (body is null)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"Requests with an {IdempotencyKey.Header} may carry at most {maxBytes} bytes.");
            return;
        }
        var scope = GatewayAccessMiddleware.TenantOf(context)?.TenantId ?? "admin";
        var fingerprint = Fingerprint(request, body);
        var owner = Guid.NewGuid().ToString("N");

        // The claim goes to Redis while the rate-limit check is still out: one round trip of waiting
        // for both. Its answer counts only if the request may go on at all.
        var claim = store.BeginAsync(scope, key, fingerprint, owner, context.RequestAborted);
        bool admitted;
        try
        {
            admitted = await RateLimitAdmission.PassAsync(context);
        }
        catch
        {
            await AbandonAsync(claim, scope, key, owner);
            throw;
        }
        if (!admitted)
        {
            // Refused by the rate limiter, which answers: the key stays free for the retry.
            await AbandonAsync(claim, scope, key, owner);
            return;
        }

        (IdempotencyOutcome Outcome, StoredResponse? Response) begin;
        try
        {
            begin = await claim;
        }
        catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex))
        {
            metrics.RedisFailure("idempotency");
            metrics.Idempotency("unavailable");
            await RedisUnavailable.Refuse(context, $"the {IdempotencyKey.Header}");
            return;
        }

        switch (begin.Outcome)
        {
            case IdempotencyOutcome.Conflict:
                metrics.Idempotency("conflict");
                context.Response.Headers.RetryAfter = "1";
                await Problem(StatusCodes.Status409Conflict, "Request in progress", $"A request with this {IdempotencyKey.Header} is still being processed; retry after it completes to get its response.").ExecuteAsync(context);
                return;
            case IdempotencyOutcome.Mismatch:
                metrics.Idempotency("mismatch");
                await Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused", $"This {IdempotencyKey.Header} was used for a request with another method, path or body. Use a new key for a new request.").ExecuteAsync(context);
                return;
            case IdempotencyOutcome.Replay:
                metrics.Idempotency("replayed");
                await ReplayAsync(context, begin.Response!);
                return;
        }

        await ProcessAsync(context, scope, key, owner);
    }

    private async Task ProcessAsync(HttpContext context, string scope, string key, string owner)
    {
        var capture = new ResponseCapture(context.Response.Body);
        context.Response.Body = capture;
        try
        {
            await next(context);
        }
        catch
        {
            await ReleaseAsync(scope, key, owner);
            throw;
        }
        finally
        {
            context.Response.Body = capture.Inner;
        }

        var status = context.Response.StatusCode;
        if (status >= 500)
        {
            metrics.Idempotency("released");
            await ReleaseAsync(scope, key, owner);
            await capture.DisposeAsync();
            return;
        }
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in ReplayedHeaders)
        {
            if (context.Response.Headers.TryGetValue(name, out var values)) headers[name] = [.. values.OfType<string>()];
        }
        var date = context.Response.Headers.Date is { Count: > 0 } sent ? sent.ToString() : DateTimeOffset.UtcNow.ToString("R");
        // The client gets the end of its answer (a chunked one ends only when the response is
        // completed) without waiting for Redis to record it: waiting cost every request a Redis
        // round trip, and most of the gateway's tail. The record is queued on the connection first,
        // so a retry with this key, which the client can only send after the answer, is looked up
        // after it on this instance; through another instance it may meet the in-flight marker
        // for that moment: 409, never a second run.
        var recording = store.CompleteAsync(scope, key, owner, new StoredResponse(status, headers, capture.Captured, date), CancellationToken.None);
        await context.Response.CompleteAsync();
        try
        {
            await recording;
            metrics.Idempotency("processed");
        }
        catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex))
        {
            // Processed but not recorded: the in-flight marker answers retries with 409 until its lease ends.
            metrics.RedisFailure("idempotency");
            LogNotRecorded(logger, ex);
        }
        await capture.DisposeAsync();
    }

    /// <summary>Gives back a claim the request will not use (a key it did not take is left alone).</summary>
    private async Task AbandonAsync(Task<(IdempotencyOutcome Outcome, StoredResponse? Response)> claim, string scope, string key, string owner)
    {
        try
        {
            if ((await claim).Outcome != IdempotencyOutcome.New) return;
        }
        catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex) || ex is OperationCanceledException)
        {
            // Never taken, or the in-flight lease frees it. Redis being down was counted by whoever
            // failed because of it.
            return;
        }
        await ReleaseAsync(scope, key, owner);
    }

    /// <summary>Answers with a problem, once the rate limiter has let the request through (otherwise it answers).</summary>
    private static async Task RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        if (await RateLimitAdmission.PassAsync(context)) await Problem(status, title, detail).ExecuteAsync(context);
    }

    private async Task ReleaseAsync(string scope, string key, string owner)
    {
        try
        {
            await store.ReleaseAsync(scope, key, owner, CancellationToken.None);
        }
        catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex))
        {
            metrics.RedisFailure("idempotency");
        }
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        var response = context.Response;
        response.StatusCode = stored.Status;
        foreach (var (name, values) in stored.Headers) response.Headers[name] = values;
        response.Headers["Idempotency-Replayed"] = "true";
        response.Headers["Original-Date"] = stored.Date;
        response.ContentLength = stored.Body.Length;
        await response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    /// <summary>Reads the whole body (bounded) and puts it back for the proxy; null when it is over the bound.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int maxBytes)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes) return null;
        // A declared length is read straight into an array of that size (the server holds the
        // client to it); only a chunked upload, of unknown length, is gathered piece by piece.
        var body = request.ContentLength is { } length
            ? await ReadDeclaredAsync(request.Body, (int)length, context.RequestAborted)
            : await ReadChunkedAsync(request.Body, maxBytes, context.RequestAborted);
        if (body is null) return null;
        request.Body = new MemoryStream(body, writable: false);
        // Forwarded with a known length now that it has been read (a chunked upload included).
        request.ContentLength = body.Length;
        return body;
    }

    private static async Task<byte[]> ReadDeclaredAsync(Stream source, int length, CancellationToken cancellationToken)
    {
        var body = length == 0 ? [] : new byte[length];
        await source.ReadExactlyAsync(body, cancellationToken);
        return body;
    }

    private static async Task<byte[]?> ReadChunkedAsync(Stream source, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    /// <summary>Method, path and query, and the body: what makes two requests "the same request".</summary>
    private static string Fingerprint(HttpRequest request, byte[] body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method.ToUpperInvariant()}\n{request.PathBase}{request.Path}{request.QueryString}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static bool IsRequired(HttpContext context) =>
        string.Equals(context.GetReverseProxyFeature().Route.Config.Metadata?.GetValueOrDefault(MetadataKey), Required, StringComparison.OrdinalIgnoreCase);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    [LoggerMessage(LogLevel.Error, "A request with an Idempotency-Key was processed but its response could not be recorded; retries get 409 until the in-flight lease ends")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception);
}
