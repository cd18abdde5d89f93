using System.Diagnostics.Metrics;
using System.Globalization;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Delayed redelivery without the delayed-message plugin (RabbitMQ 3.10 here has none). When a
/// message has failed its immediate retries, a copy goes to a wait queue
/// <c>{queue}_delay_{ms}ms</c> that has no consumer and dead-letters expired messages back to
/// <c>{queue}</c> through the default exchange; each copy expires after its jittered delay.
/// One wait queue per base delay keeps RabbitMQ's expire-at-the-head-only rule from holding a
/// short delay behind a long one (within a queue delays differ only by the jitter). The copy is
/// confirmed before the original is acknowledged, so a crash in between duplicates, never
/// loses, and the inbox absorbs the duplicate. After the last redelivery the exception
/// propagates and MassTransit moves the message to <c>{queue}_error</c>. Used by
/// <see cref="RedeliveryFilter{T}"/>.
/// </summary>
internal sealed partial class RedeliveryScheduler(
    IOptions<DelayedRedeliveryOptions> options,
    IOptions<MessagingOptions> messaging,
    MessageKindRegistry kinds,
    RabbitMqConfirmingPublisher publisher,
    IMeterFactory meters,
    ILogger<RedeliveryScheduler> logger)
{
    private readonly Counter<long> _redeliveries = meters.Create("Platform.Messaging").CreateCounter<long>(
        "platform.messaging.redeliveries", description: "Messages scheduled for delayed redelivery after their immediate retries failed.");

    /// <summary>
    /// Schedules a delayed redelivery of a message whose consumer threw
    /// <paramref name="exception"/>, when its policy allows one more; false when the exception
    /// should propagate (not the last immediate attempt, permanent, or retries used up).
    /// </summary>
    public async Task<bool> TryScheduleAsync(ConsumeContext context, Exception exception)
    {
        if (!IsTransient(exception) || !IsLastImmediateAttempt(context) || context.CancellationToken.IsCancellationRequested) return false;
        var kind = kinds.KindOf(context.SupportedMessageTypes);
        var policy = options.Value.For(kind);
        if (!context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out var basic)) return false;
        var attempt = RedeliveryCount(basic.Properties) + 1;
        if (attempt > policy.Retries) return false;

        var queue = RabbitMqAddress.QueueOf(context.ReceiveContext.InputAddress);
        var delay = policy.JitteredDelay(attempt, Random.Shared.NextDouble());
        await ScheduleAsync(context, basic, queue, policy.BaseDelay(attempt), delay, attempt);
        _redeliveries.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("kind", kind ?? "default"));
        LogScheduled(logger, context.MessageId, queue, attempt, policy.Retries, delay.TotalMilliseconds, exception.GetType().Name);
        return true;
    }

    /// <summary>Failures that a later attempt cannot fix: neither retried nor redelivered.</summary>
    internal static readonly Type[] PermanentFailures =
        [typeof(MessageTooLargeException), typeof(InvalidMessageException), typeof(System.Runtime.Serialization.SerializationException), typeof(System.Text.Json.JsonException)];

    internal static bool IsTransient(Exception exception) => !PermanentFailures.Any(t => t.IsInstanceOfType(exception));

    // The immediate retries run around this filter; only when they are used up does a delayed
    // redelivery take over.
    private bool IsLastImmediateAttempt(ConsumeContext context) => context.GetRetryAttempt() >= messaging.Value.RetryLimit;

    /// <summary>
    /// Read from the AMQP headers: MassTransit's own <c>GetRedeliveryCount()</c> reads the
    /// envelope's headers, which a copy made here does not change.
    /// </summary>
    internal static int RedeliveryCount(IReadOnlyBasicProperties properties) =>
        (properties.Headers is { } headers && headers.TryGetValue(MessageHeaders.RedeliveryCount, out var value) ? value : null) switch
        {
            int count => count,
            long count => (int)count,
            byte[] text when int.TryParse(System.Text.Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, out var count) => count,
            _ => 0,
        };

    private Task ScheduleAsync(ConsumeContext context, RabbitMqBasicConsumeContext basic, string queue, TimeSpan baseDelay, TimeSpan delay, int attempt)
    {
        var waitQueue = $"{queue}_delay_{(long)baseDelay.TotalMilliseconds}ms";
        var original = basic.Properties;
        var headers = original.Headers is { } h
            ? h.Where(p => !p.Key.StartsWith("x-", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value)
            : [];
        headers[MessageHeaders.RedeliveryCount] = attempt;
        var properties = new BasicProperties
        {
            MessageId = original.MessageId,
            CorrelationId = original.CorrelationId,
            ContentType = original.ContentType,
            Type = original.Type,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = headers,
            Expiration = ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
        var body = context.ReceiveContext.Body.GetBytes();
        var cancellationToken = context.CancellationToken;
        return publisher.RunAsync(async channel =>
        {
            await publisher.DeclareOnceAsync(channel, "queue:" + waitQueue, c => c.QueueDeclareAsync(
                waitQueue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?>
                {
                    ["x-dead-letter-exchange"] = "",
                    ["x-dead-letter-routing-key"] = queue,
                },
                cancellationToken: cancellationToken));
            await channel.BasicPublishAsync("", waitQueue, mandatory: false, properties, body, cancellationToken);
        }, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "Message {MessageId} on {Queue} failed ({ExceptionType}); redelivery {Attempt} of {Retries} in {DelayMs} ms")]
    private static partial void LogScheduled(ILogger logger, Guid? messageId, string queue, int attempt, int retries, double delayMs, string exceptionType);
}
