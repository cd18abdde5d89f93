using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.ServiceDefaults.Messaging.Reliable;

internal sealed class Outbox<TContext>(TContext db, TenantContextAccessor tenants, TimeProvider time) : IOutbox
    where TContext : DbContext
{
    public Guid Publish<T>(T message) where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var staged = OutboxMessage.For(message, tenants.Tenant?.TenantId, time.GetUtcNow());
        db.Set<OutboxMessage>().Add(staged);
        return staged.MessageId;
    }
}
