using MassTransit;
using Platform.Contracts;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Puts the tenant in the <c>X-Tenant-ID</c> header of every published or sent message, from
/// the message itself or else the ambient tenant, so brokers, shovels and non-.NET consumers
/// can route and filter by tenant without parsing the body.
/// </summary>
internal sealed class TenantPublishFilter<T>(TenantContextAccessor accessor) : IFilter<PublishContext<T>>, IFilter<SendContext<T>>
    where T : class
{
    public Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        Stamp(context);
        return next.Send(context);
    }

    public Task Send(SendContext<T> context, IPipe<SendContext<T>> next)
    {
        Stamp(context);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenant-header");

    private void Stamp(SendContext<T> context)
    {
        var tenant = (context.Message as ITenantMessage)?.TenantId ?? accessor.Tenant?.TenantId;
        if (tenant is not null) context.Headers.Set(TenantHeaders.TenantId, tenant);
    }
}
