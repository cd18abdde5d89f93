using MassTransit;
using Platform.Contracts;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>Makes the message's tenant the ambient tenant while its consumer runs.</summary>
internal sealed class TenantConsumeFilter<T>(TenantContextAccessor accessor) : IFilter<ConsumeContext<T>>
    where T : class
{
    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var tenant = (context.Message as ITenantMessage)?.TenantId
                     ?? context.Headers.Get<string>(TenantHeaders.TenantId);
        var previous = accessor.Tenant;
        accessor.Tenant = tenant is null ? null : new TenantContext(tenant, null);
        try
        {
            await next.Send(context);
        }
        finally
        {
            accessor.Tenant = previous;
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("tenant-context");
}
