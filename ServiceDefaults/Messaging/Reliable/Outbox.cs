using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.ServiceDefaults.Messaging.Reliable;

internal sealed class Outbox<TContext>(TContext db, TenantContextAccessor tenants, TimeProvider time) : IOutbox
    where TContext : DbContext
{
    public Guid Publish<T>(T message) where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        // MassTransit's own id scheme keeps ids roughly ordered, which suits the inbox's index.
        var messageId = MassTransit.NewId.NextGuid();
        db.Set<OutboxMessage>().Add(OutboxMessage.For(message, messageId, tenants.Tenant?.TenantId, time.GetUtcNow()));
        return messageId;
    }
}
