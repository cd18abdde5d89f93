using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Problems;
using Platform.Tenancy.ApiKeys;
using Platform.Tenancy.Data;
using Platform.Tenancy.Tenants;
using Platform.Tenancy.Common;
using Platform.Tenancy.Tiers;

namespace Platform.Tenancy.Resolution;

/// <summary>
/// <c>POST /internal/resolve</c>: the gateway's question "whose request is this?". Internal: the
/// gateway does not route <c>/internal</c>. The key travels in the body, never in a URL that
/// access logs would keep. A suspended tenant resolves (status says so: the gateway answers 403);
/// an unknown, revoked or expired key does not (the gateway answers 401).
/// </summary>
public static class ResolveApi
{
    public static IEndpointRouteBuilder MapResolveApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/resolve", Resolve).WithTags("Internal").WithSummary("Tenant, tier, status and limits by API key, subdomain or tenant id.");
        return app;
    }

    public const string SourceHeader = "X-Resolve-Source";

    private static async Task<Results<Ok<ResolvedTenant>, ValidationProblem, ProblemHttpResult>> Resolve(
        ResolveRequest request, TenancyDbContext db, ApiKeyHasher hasher, ResolveCache cache, IOptions<TierOptions> tiers, IOptions<ApiKeyOptions> keyOptions,
        TimeProvider time, HttpResponse response, CancellationToken cancellationToken)
    {
        var given = new[] { request.ApiKey, request.Subdomain, request.TenantId }.Count(v => v is not null);
        if (given != 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["request"] = ["Exactly one of apiKey, subdomain or tenantId."] });
        if (request.ApiKey is { } presented)
        {
            if (!ApiKeyFormat.TryParse(presented, out _)) return Unknown("The API key is not in the pk_{tenant}_{secret} form.");
            if (!hasher.IsConfigured) return ApiKeysAdminApi.KeysDisabled();
        }
        var hash = request.ApiKey is { } k ? hasher.Hash(k) : null;
        var cacheKey = hash is not null ? "key:" + Convert.ToBase64String(hash) : request.Subdomain is { } sub ? "sub:" + sub : "id:" + request.TenantId;

        try
        {
            var result = await LookUpAsync(request, hash, db, tiers.Value, keyOptions.Value, time, cancellationToken);
            if (result.Result is Ok<ResolvedTenant> ok) cache.Remember(cacheKey, ok.Value!);
            response.Headers[SourceHeader] = "database";
            return result;
        }
        catch (Exception ex) when (DatabaseFailure.Is(ex) && cache.TryRecall(cacheKey, out var remembered, out var age))
        {
            // The database is away: a recently seen caller keeps working, and the answer says where it came from.
            response.Headers[SourceHeader] = "cache";
            response.Headers.Age = ((long)age.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Ok(remembered);
        }
    }

    private static async Task<Results<Ok<ResolvedTenant>, ValidationProblem, ProblemHttpResult>> LookUpAsync(
        ResolveRequest request, byte[]? hash, TenancyDbContext db, TierOptions tiers, ApiKeyOptions keyOptions, TimeProvider time, CancellationToken cancellationToken)
    {
        Guid? keyId = null;
        Tenant? tenant;
        if (hash is not null)
        {
            var now = time.GetUtcNow();
            var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash, cancellationToken);
            if (key is null) return Unknown("No such API key.");
            if (key.RevokedAt is not null) return Unknown("The API key has been revoked.");
            if (key.ExpiresAt is { } expires && expires <= now) return Unknown("The API key has expired.");
            keyId = key.Id;
            // Last use is kept to the minute: not one write per request.
            var stale = now - keyOptions.LastUsedPrecision;
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < stale))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
            tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == key.TenantId, cancellationToken);
        }
        else if (request.Subdomain is { } subdomain)
        {
            tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Subdomain == subdomain, cancellationToken);
        }
        else
        {
            tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == request.TenantId, cancellationToken);
        }
        if (tenant is null) return Unknown("No such tenant.");
        return TypedResults.Ok(new ResolvedTenant(tenant.Id, TierNames.Of(tenant.Tier), LowerCaseNames.Of(tenant.Status),
            TenantLimitsResponse.For(tenant, tiers), keyId));
    }

    private static ProblemHttpResult Unknown(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not resolved", detail: detail);
}
