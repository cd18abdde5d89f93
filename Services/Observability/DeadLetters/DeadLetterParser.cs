using System.Collections;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Platform.Observability.DeadLetters;

/// <summary>
/// Reads a dead-lettered AMQP message into a <see cref="DeadLetter"/>: MassTransit's fault
/// headers (<c>MT-Fault-*</c>, <c>MT-Reason</c>, <c>MT-Redelivery-Count</c>) and what can be read
/// of the envelope. Never throws on a bad message: whatever cannot be read is stored as is.
/// </summary>
public static class DeadLetterParser
{
    public const string ErrorSuffix = "_error";
    public const string SkippedSuffix = "_skipped";

    public static DeadLetter Parse(string queue, IReadOnlyBasicProperties properties, byte[] body, DateTimeOffset now)
    {
        var headers = ReadHeaders(properties.Headers);
        var envelope = ReadEnvelope(body);
        var exceptionType = headers.GetValueOrDefault("MT-Fault-ExceptionType");
        var messageId = Guid.TryParse(properties.MessageId, out var fromProperties) ? fromProperties : envelope.MessageId;
        var faultTimestamp = headers.GetValueOrDefault("MT-Fault-Timestamp");
        var redeliveries = Int(headers.GetValueOrDefault("MT-Redelivery-Count")) ?? Int(headers.GetValueOrDefault("MT-Fault-RedeliveryCount")) ?? 0;
        return new DeadLetter
        {
            MessageId = messageId,
            Queue = queue,
            OriginalQueue = OriginalQueue(queue),
            MessageType = Truncate(envelope.MessageType ?? properties.Type, 500),
            TenantId = Truncate(headers.GetValueOrDefault("X-Tenant-ID") ?? envelope.TenantId, 63),
            Reason = ReasonOf(queue, headers.GetValueOrDefault("MT-Reason"), exceptionType, envelope.Parsed),
            ExceptionType = Truncate(exceptionType, 500),
            ExceptionMessage = headers.GetValueOrDefault("MT-Fault-Message"),
            StackTrace = headers.GetValueOrDefault("MT-Fault-StackTrace"),
            RetryCount = Int(headers.GetValueOrDefault("MT-Fault-RetryCount")) ?? 0,
            RedeliveryCount = redeliveries,
            FailedAt = DateTimeOffset.TryParse(faultTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var failedAt) ? failedAt.ToUniversalTime() : now,
            ArchivedAt = now,
            Headers = JsonSerializer.Serialize(headers),
            ContentType = Truncate(properties.ContentType, 255),
            Body = body,
            DedupeKey = DedupeKey(queue, messageId, body, faultTimestamp, redeliveries),
        };
    }

    public static string OriginalQueue(string queue) =>
        queue.EndsWith(ErrorSuffix, StringComparison.Ordinal) ? queue[..^ErrorSuffix.Length]
        : queue.EndsWith(SkippedSuffix, StringComparison.Ordinal) ? queue[..^SkippedSuffix.Length]
        : queue;

    private static string ReasonOf(string queue, string? mtReason, string? exceptionType, bool parsed)
    {
        if (queue.EndsWith(SkippedSuffix, StringComparison.Ordinal) || mtReason == "skipped") return DeadLetterReasons.UnknownMessageType;
        if (exceptionType?.EndsWith("MessageTooLargeException", StringComparison.Ordinal) == true) return DeadLetterReasons.Oversized;
        if (!parsed || exceptionType is not null && (exceptionType.Contains("Serialization", StringComparison.Ordinal) || exceptionType.Contains("Json", StringComparison.Ordinal)))
            return DeadLetterReasons.Unparseable;
        return DeadLetterReasons.Fault;
    }

    private static string DedupeKey(string queue, Guid? messageId, byte[] body, string? faultTimestamp, int redeliveries)
    {
        var identity = messageId?.ToString() ?? Convert.ToHexString(SHA256.HashData(body));
        var key = string.Join('\n', queue, identity, faultTimestamp ?? "", redeliveries.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static Dictionary<string, string> ReadHeaders(IDictionary<string, object?>? headers) =>
        headers?.ToDictionary(h => h.Key, h => Text(h.Value), StringComparer.Ordinal) ?? [];

    // AMQP field values as RabbitMQ.Client hands them over: strings arrive as bytes.
    private static string Text(object? value) => value switch
    {
        null => "",
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        IDictionary<string, object?> table => "{" + string.Join(", ", table.Select(p => $"{p.Key}: {Text(p.Value)}")) + "}",
        IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Text)) + "]",
        AmqpTimestamp timestamp => DateTimeOffset.FromUnixTimeSeconds(timestamp.UnixTime).ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static (bool Parsed, Guid? MessageId, string? MessageType, string? TenantId) ReadEnvelope(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (false, null, null, null);
            Guid? id = root.TryGetProperty("messageId", out var m) && m.ValueKind == JsonValueKind.String && Guid.TryParse(m.GetString(), out var g) ? g : null;
            var type = root.TryGetProperty("messageType", out var t) && t.ValueKind == JsonValueKind.Array && t.GetArrayLength() > 0 ? t[0].GetString() : null;
            var tenant = root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
                         && message.TryGetProperty("tenantId", out var tenantId) && tenantId.ValueKind == JsonValueKind.String
                ? tenantId.GetString()
                : null;
            return (true, id, type, tenant);
        }
        catch (JsonException)
        {
            return (false, null, null, null);
        }
    }

    private static int? Int(string? value) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
