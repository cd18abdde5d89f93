using System.Diagnostics;
using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.ServiceDefaults.Messaging.Redelivery;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// Applies a consumer at most once per message id and endpoint: the inbox row, the consumer's
/// changes and any events it stages in the outbox commit in one transaction. A redelivery
/// finds the row and is acknowledged without running the consumer again.
/// </summary>
internal sealed class InboxFilter<T>(IReliableMessagingStore store, IOptions<ReliableMessagingOptions> options) : IFilter<ConsumeContext<T>>
    where T : class
{
    // A contract without [MessageKind] is of the default kind, as for redelivery policies.
    private static readonly string Kind = typeof(T).GetCustomAttribute<MessageKindAttribute>()?.Kind ?? "default";

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.MessageId is not { } messageId)
        {
            // Without an id there is nothing to de-duplicate on; MassTransit always sets one.
            await next.Send(context);
            return;
        }
        var consumer = RabbitMqAddress.QueueOf(context.ReceiveContext.InputAddress);
        var started = Stopwatch.GetTimestamp();
        if (!await store.RunOnceAsync(consumer, messageId, IsBatchable(context), () => next.Send(context), context.CancellationToken))
        {
            // Already applied: report it consumed, or MassTransit would move the duplicate to
            // <queue>_skipped and operators would find a dead letter that is not one.
            await context.NotifyConsumed(context, Stopwatch.GetElapsedTime(started), "inbox-duplicate");
        }
    }

    // Retries (immediate or delayed) follow a failure, and some kinds wait on the outside world:
    // those run alone rather than in a shared batch.
    private bool IsBatchable(ConsumeContext context) =>
        !options.Value.RunsAlone(Kind)
        && context.GetRetryAttempt() == 0
        && (!context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var basic) || RedeliveryScheduler.RedeliveryCount(basic.Properties) == 0);

    public void Probe(ProbeContext context) => context.CreateFilterScope("inbox");
}
