using MassTransit;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>Refuses oversized bodies before anything deserialises them; they go to the error queue at once.</summary>
internal sealed class MessageSizeGuardFilter(IOptions<DelayedRedeliveryOptions> options) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var limit = options.Value.MaxMessageBytes;
        var size = context.ReceiveContext.Body.Length ?? 0;
        if (size > limit) throw new MessageTooLargeException(size, limit);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("message-size-guard");
}
