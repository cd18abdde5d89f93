using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults.Tenancy;

/// <summary>
/// Reads the tenant set by the gateway. Services trust these headers because the gateway is
/// the only public entry and strips any client-sent copies.
/// </summary>
internal sealed class TenantContextMiddleware(RequestDelegate next, TenantContextAccessor accessor)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var tenantId = context.Request.Headers[TenantHeaders.TenantId].ToString();
        if (tenantId.Length == 0)
        {
            await next(context);
            return;
        }
        if (!TenantIdFormat.IsValid(tenantId))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid tenant id",
                detail: $"The {TenantHeaders.TenantId} header must be 3-63 characters of a-z, 0-9 and '-'.").ExecuteAsync(context);
            return;
        }

        var tier = context.Request.Headers[TenantHeaders.Tier].ToString();
        accessor.Tenant = new TenantContext(tenantId, tier.Length > 0 ? tier : null);
        try
        {
            await next(context);
        }
        finally
        {
            accessor.Tenant = null;
        }
    }
}
