using System.Text.Json;
using Platform.ServiceDefaults.Messaging;
using RabbitMQ.Client;

namespace Platform.Observability.DeadLetters;

/// <summary>
/// Sends an archived message back to the queue it failed on, with its original message id, body
/// and headers minus the fault and redelivery bookkeeping, so it starts with a fresh set of
/// retries. Published mandatory and confirmed: a queue that no longer exists is an error, not a
/// silent drop. The consumer's inbox keeps a retried message from being applied twice.
/// </summary>
public sealed class DeadLetterRetrier(RabbitMqConfirmingPublisher publisher)
{
    public Task RepublishAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(letter.Headers) ?? [];
        var properties = new BasicProperties
        {
            MessageId = letter.MessageId?.ToString(),
            ContentType = letter.ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Headers = stored.Where(h => !IsBookkeeping(h.Key)).ToDictionary(h => h.Key, h => (object?)h.Value),
        };
        return publisher.RunAsync(
            channel => channel.BasicPublishAsync("", letter.OriginalQueue, mandatory: true, properties, letter.Body, cancellationToken).AsTask(),
            cancellationToken);
    }

    private static bool IsBookkeeping(string header) =>
        header.StartsWith("MT-Fault-", StringComparison.Ordinal) || header.StartsWith("MT-Host-", StringComparison.Ordinal)
        || header.StartsWith("x-", StringComparison.Ordinal) || header is "MT-Reason" or "MT-Redelivery-Count";
}
