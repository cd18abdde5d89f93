using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Limits;

/// <summary>
/// First in the proxy pipeline: a body declared larger than the route allows is refused before
/// anything else runs; a chunked one is cut off by Kestrel at the same bound while it is read.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    public const string MetadataKey = "MaxRequestBodyBytes";

    /// <summary>The route's own body limit (<c>MaxRequestBodyBytes</c> metadata), if it sets one.</summary>
    public static long? RouteLimit(HttpContext context) =>
        context.GetReverseProxyFeature().Route.Config.Metadata?.GetValueOrDefault(MetadataKey) is { } own
        && long.TryParse(own, NumberStyles.None, CultureInfo.InvariantCulture, out var routeLimit)
            ? routeLimit
            : null;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = RouteLimit(context) ?? options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await TooLarge(limit).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        await next(context);

        // The request timeout cancels the proxied call, which YARP reports as a cancelled request
        // (400): the client should hear that the service was too slow.
        if (!context.Response.HasStarted && context.Features.Get<IHttpRequestTimeoutFeature>() is { RequestTimeoutToken.IsCancellationRequested: true })
        {
            context.Response.Clear();
            await TypedResults.Problem(
                statusCode: StatusCodes.Status504GatewayTimeout,
                title: "Upstream timeout",
                detail: "The service did not answer within the route's time limit. A request that changes something may still have been applied by the service.").ExecuteAsync(context);
        }
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request too large",
        detail: $"This route accepts request bodies of at most {limit} bytes. Nothing was forwarded.");
}
