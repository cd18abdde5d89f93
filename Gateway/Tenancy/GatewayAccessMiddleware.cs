using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Security;
using Platform.ServiceDefaults.Tenancy;
using Yarp.ReverseProxy.Model;

namespace Platform.Gateway.Tenancy;

/// <summary>
/// Runs in YARP's pipeline once a route has matched: admin routes want the platform admin key,
/// every other route an API key (<c>Authorization: Bearer pk_…</c> or <c>X-API-Key</c>). A
/// client may also name its tenant by <c>X-Tenant-ID</c> or by subdomain, but only as a claim
/// that must agree with the key: the key decides. The resolved tenant is left in
/// <see cref="HttpContext.Items"/> for <see cref="TenantForwarding"/>.
/// </summary>
public sealed class GatewayAccessMiddleware(RequestDelegate next, AdminKeyGate adminKey, IOptions<TenantResolutionOptions> options)
{
    public const string ApiKeyHeader = "X-API-Key";
    internal const string TenantItem = "platform.gateway.tenant";
    private const string AdminItem = "platform.gateway.admin";

    /// <summary>The tenant the request was attributed to, if any.</summary>
    public static TenantIdentity? TenantOf(HttpContext context) => context.Items[TenantItem] as TenantIdentity;

    /// <summary>Whether the request was attributed to a tenant or to the platform admin.</summary>
    public static bool IsAttributed(HttpContext context) => context.Items.ContainsKey(TenantItem) || context.Items.ContainsKey(AdminItem);

    // The resolver is a typed HttpClient: taken per request, so its handler can rotate.
    public async Task InvokeAsync(HttpContext context, TenancyResolver resolver)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        var access = route.Metadata?.GetValueOrDefault(RouteAccess.MetadataKey) ?? RouteAccess.Tenant;
        var admin = string.Equals(access, RouteAccess.Admin, StringComparison.OrdinalIgnoreCase);
        var refusal = admin ? RefuseNonAdmin(context.Request) : await AttributeAsync(context, resolver);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(context);
            return;
        }
        if (admin) context.Items[AdminItem] = true;
        await next(context);
    }

    private IResult? RefuseNonAdmin(HttpRequest request) => RefuseTenantKey(request) ?? adminKey.Refuse(request);

    /// <summary>403 for a tenant key on an admin route (a tenant must learn that admin routes are not theirs, not that its key is wrong).</summary>
    public static ProblemHttpResult? RefuseTenantKey(HttpRequest request) =>
        ApiKey(request, out _) is not null
            ? Problem(StatusCodes.Status403Forbidden, "Admin route", "Tenant API keys cannot call /v1/admin routes; use the platform admin key.")
            : null;

    private async Task<IResult?> AttributeAsync(HttpContext context, TenancyResolver resolver)
    {
        var request = context.Request;
        var key = ApiKey(request, out var conflicting);
        if (conflicting) return Problem(StatusCodes.Status400BadRequest, "Conflicting credentials", $"Authorization and {ApiKeyHeader} carry different keys: send one.");
        if (key is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, "API key required", $"Send your API key as Authorization: Bearer pk_… or {ApiKeyHeader}.");
        }

        var claimed = request.Headers[TenantHeaders.TenantId];
        if (claimed.Count > 1 || (claimed.Count == 1 && !TenantIdFormat.IsValid(claimed[0])))
            return Problem(StatusCodes.Status400BadRequest, "Invalid tenant id", $"{TenantHeaders.TenantId} must be one slug of 3 to 63 characters (a-z, 0-9, -).");
        var subdomain = Subdomain(request.Host.Host);

        var byKey = await resolver.ByApiKeyAsync(key, context.RequestAborted);
        if (byKey.Unavailable) return Unavailable(context, byKey.Reason);
        if (byKey.Tenant is not { } tenant)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return Problem(StatusCodes.Status401Unauthorized, "Invalid API key", byKey.Reason ?? "The API key is not valid.");
        }
        if (claimed.Count == 1 && claimed[0] != tenant.TenantId)
            return Problem(StatusCodes.Status400BadRequest, "Conflicting tenant", $"{TenantHeaders.TenantId} names another tenant than the API key's.");
        if (subdomain is not null)
        {
            var bySubdomain = await resolver.BySubdomainAsync(subdomain, context.RequestAborted);
            if (bySubdomain.Unavailable) return Unavailable(context, bySubdomain.Reason);
            if (bySubdomain.Tenant?.TenantId != tenant.TenantId)
                return Problem(StatusCodes.Status400BadRequest, "Conflicting tenant", "The host's subdomain belongs to another tenant than the API key, or to none.");
        }
        if (tenant.IsSuspended) return Problem(StatusCodes.Status403Forbidden, "Tenant suspended", "This tenant is suspended; contact the platform operator.");

        context.Items[TenantItem] = tenant;
        return null;
    }

    /// <summary>A tenant key from <c>Authorization: Bearer pk_…</c> or <c>X-API-Key</c>; both given and different is a conflict.</summary>
    internal static string? ApiKey(HttpRequest request, out bool conflicting)
    {
        var bearer = AdminKeyGate.BearerToken(request);
        if (bearer is not null && !bearer.StartsWith("pk_", StringComparison.Ordinal)) bearer = null;
        var header = request.Headers[ApiKeyHeader];
        var fromHeader = header.Count == 1 && header[0]!.Length > 0 ? header[0] : null;
        conflicting = header.Count > 1 || (bearer is not null && fromHeader is not null && bearer != fromHeader);
        return bearer ?? fromHeader;
    }

    private string? Subdomain(string host)
    {
        var baseDomain = options.Value.BaseDomain;
        if (string.IsNullOrEmpty(baseDomain) || !host.EndsWith("." + baseDomain, StringComparison.OrdinalIgnoreCase)) return null;
        var label = host[..^(baseDomain.Length + 1)].ToLowerInvariant();
        return label.Length > 0 && !label.Contains('.', StringComparison.Ordinal) ? label : null;
    }

    private static ProblemHttpResult Unavailable(HttpContext context, string? reason)
    {
        context.Response.Headers.RetryAfter = "5";
        return Problem(StatusCodes.Status503ServiceUnavailable, "Tenant resolution unavailable",
            $"The caller cannot be identified right now ({reason}); nothing was forwarded. Retry shortly.");
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
