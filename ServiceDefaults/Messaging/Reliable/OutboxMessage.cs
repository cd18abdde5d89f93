using System.Diagnostics;
using System.Text.Json;
using Platform.Contracts;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// An event written in the same transaction as the business data that caused it, waiting for the
/// dispatcher to deliver it to the broker.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The MassTransit message id it is published with: consumers de-duplicate on it.</summary>
    public Guid MessageId { get; set; }

    /// <summary>The CLR type to publish it as ("Namespace.Type, Assembly").</summary>
    public required string MessageType { get; set; }

    /// <summary>The message serialized as JSON.</summary>
    public required string Body { get; set; }

    public string? TenantId { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the activity that staged it, so the consumer's span joins the
    /// producer's trace although the dispatcher publishes it later, from another flow.
    /// </summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The row for <paramref name="message"/> under a new message id.</summary>
    public static OutboxMessage For<T>(T message, string? ambientTenant, DateTimeOffset now) where T : class =>
        // MassTransit's own id scheme keeps ids roughly ordered, which suits the inbox's index.
        For(message, MassTransit.NewId.NextGuid(), ambientTenant, now);

    /// <summary>
    /// The row for <paramref name="message"/>: its CLR type, JSON body, tenant (the message's own,
    /// else <paramref name="ambientTenant"/>) and the current trace.
    /// </summary>
    public static OutboxMessage For<T>(T message, Guid messageId, string? ambientTenant, DateTimeOffset now) where T : class
    {
        var type = message.GetType();
        return new OutboxMessage
        {
            MessageId = messageId,
            MessageType = $"{type.FullName}, {type.Assembly.GetName().Name}",
            Body = JsonSerializer.Serialize(message, type, OutboxJson.Options),
            TenantId = (message as ITenantMessage)?.TenantId ?? ambientTenant,
            CreatedAt = now,
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null,
        };
    }
}
