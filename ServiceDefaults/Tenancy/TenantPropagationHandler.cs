namespace Platform.ServiceDefaults.Tenancy;

/// <summary>Carries the ambient tenant onto outgoing service-to-service HTTP calls.</summary>
internal sealed class TenantPropagationHandler(TenantContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.Tenant is { } tenant && !request.Headers.Contains(TenantHeaders.TenantId))
        {
            request.Headers.TryAddWithoutValidation(TenantHeaders.TenantId, tenant.TenantId);
            if (tenant.Tier is not null) request.Headers.TryAddWithoutValidation(TenantHeaders.Tier, tenant.Tier);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
