using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.ServiceDefaults.Messaging.Reliable;

internal sealed class Outbox<TContext>(TContext db, TenantContextAccessor tenants, TimeProvider time) : IOutbox
    where TContext : DbContext
{
    public Guid Publish<T>(T message) where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        // MassTransit's own id scheme keeps ids roughly ordered, which suits the inbox's index.
        var messageId = MassTransit.NewId.NextGuid();
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = messageId,
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Body = JsonSerializer.Serialize(message, type, OutboxJson.Options),
            TenantId = (message as ITenantMessage)?.TenantId ?? tenants.Tenant?.TenantId,
            CreatedAt = time.GetUtcNow(),
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null,
        });
        return messageId;
    }
}
