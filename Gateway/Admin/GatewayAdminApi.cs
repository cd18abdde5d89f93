using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.RateLimiting;
using Platform.Gateway.Tenancy;
using Platform.ServiceDefaults.RedisClient;
using Platform.ServiceDefaults.Security;

namespace Platform.Gateway.Admin;

/// <summary>
/// The gateway's own admin API, <c>/v1/admin/gateway</c> (platform admin key): the client addresses
/// the flood guard blocks (list, unblock) and the API keys flagged for abuse (list, clear).
/// </summary>
public static class GatewayAdminApi
{
    public static IEndpointRouteBuilder MapGatewayAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/admin/gateway").WithTags("Gateway")
            .AddEndpointFilter((context, next) =>
                GatewayAccessMiddleware.RefuseTenantKey(context.HttpContext.Request) is { } refusal ? ValueTask.FromResult<object?>(refusal) : next(context))
            .RequireAdminKey()
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex))
                {
                    return RedisUnavailable.Problem(context.HttpContext.Response, "blocks and flags");
                }
            });
        api.MapGet("/blocked-addresses", ListBlocked).WithSummary("Client addresses the flood guard blocks, and until when.");
        api.MapDelete("/blocked-addresses/{address}", Unblock).WithSummary("Lifts a block before it expires.");
        api.MapGet("/abuse-flags", ListFlags).WithSummary("API keys flagged for too many rejected requests.");
        api.MapDelete("/abuse-flags/{apiKeyId:guid}", ClearFlag).WithSummary("Clears a flag after the key's owner has been dealt with.");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<BlockedAddress>>> ListBlocked(FloodGuard guard, CancellationToken cancellationToken) =>
        TypedResults.Ok(await guard.ListAsync(cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> Unblock(string address, FloodGuard guard, CancellationToken cancellationToken)
    {
        if (!IPAddress.TryParse(address, out var ip))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid address", detail: "Give an IPv4 or IPv6 address.");
        return await guard.UnblockAsync(ip, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not blocked", detail: $"{FloodGuard.Key(ip)} is not blocked.");
    }

    private static async Task<Ok<IReadOnlyList<AbuseFlag>>> ListFlags(AbuseDetector detector, CancellationToken cancellationToken) =>
        TypedResults.Ok(await detector.ListAsync(cancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> ClearFlag(Guid apiKeyId, AbuseDetector detector, CancellationToken cancellationToken) =>
        await detector.ClearAsync(apiKeyId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not flagged", detail: $"API key {apiKeyId} is not flagged.");
}
