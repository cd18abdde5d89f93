using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Tenancy.Data;
using Platform.Tenancy.Resolution;
using Platform.Tenancy.Tenants;

namespace Platform.Tenancy.ApiKeys;

/// <summary>Issue, list and revoke a tenant's API keys under <c>/v1/admin/tenants/{id}/api-keys</c>.</summary>
public static class ApiKeysAdminApi
{
    private const int MaxNameLength = 200;

    public static RouteGroupBuilder MapApiKeysAdminApi(this RouteGroupBuilder tenants)
    {
        tenants.MapPost("/{id}/api-keys", Create).WithSummary("Issues a key; the response is the only place the key is ever shown.");
        tenants.MapGet("/{id}/api-keys", List).WithSummary("The tenant's keys: hint, name, expiry, revocation, last use.");
        tenants.MapDelete("/{id}/api-keys/{keyId:guid}", Revoke).WithSummary("Revokes a key at once; revoking twice is harmless.");
        return tenants;
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> Create(
        string id, CreateApiKeyRequest? request, TenancyDbContext db, ApiKeyHasher hasher, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (request?.Name is { Length: > MaxNameLength }) errors["name"] = [$"At most {MaxNameLength} characters."];
        if (request?.ExpiresAt is { } expires && expires <= now) errors["expiresAt"] = ["Must be in the future."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (!hasher.IsConfigured) return KeysDisabled();
        if (!await db.Tenants.AnyAsync(t => t.Id == id, cancellationToken)) return TenantsAdminApi.NotFound(id);

        var key = ApiKeyFormat.Generate(id);
        var stored = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            TenantId = id,
            Name = request?.Name,
            Hint = ApiKeyFormat.Hint(key),
            Hash = hasher.Hash(key),
            CreatedAt = now,
            ExpiresAt = request?.ExpiresAt,
        };
        db.ApiKeys.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/admin/tenants/{id}/api-keys/{stored.Id}",
            new CreatedApiKeyResponse(stored.Id, id, key, stored.Hint, stored.Name, stored.CreatedAt, stored.ExpiresAt));
    }

    private static async Task<Results<Ok<List<ApiKeyResponse>>, ProblemHttpResult>> List(string id, TenancyDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == id, cancellationToken)) return TenantsAdminApi.NotFound(id);
        var now = time.GetUtcNow();
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == id).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(k => ApiKeyResponse.From(k, now)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string id, Guid keyId, TenancyDbContext db, ResolveCache cache, TimeProvider time, CancellationToken cancellationToken)
    {
        // A key is found only through its own tenant: another tenant's key id is simply not there.
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.TenantId == id, cancellationToken);
        if (key is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API key", detail: $"Tenant '{id}' has no key {keyId}.");
        key.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        cache.Forget(t => t.ApiKeyId == keyId);
        return TypedResults.NoContent();
    }

    internal static ProblemHttpResult KeysDisabled() =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "API keys are disabled",
            detail: "Tenancy:ApiKeys:HashKey is not configured, so keys can be neither issued nor checked.");
}
