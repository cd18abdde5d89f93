using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>
/// MassTransit's JSON envelope (content type <c>application/vnd.masstransit+json</c>), written
/// without MassTransit so any AMQP client can produce it: the README documents the same fields.
/// A message goes to the fanout exchange named <c>{Namespace}:{TypeName}</c>.
/// </summary>
public static class MassTransitEnvelope
{
    public const string ContentType = "application/vnd.masstransit+json";

    private static readonly ConcurrentDictionary<string, (string, string[])> Descriptions = new();

    // The sending process does not change: describe it once, not per message.
    private static readonly Lazy<string> HostJson = new(() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["machineName"] = Environment.MachineName,
        ["processName"] = Process.GetCurrentProcess().ProcessName,
        ["processId"] = Environment.ProcessId,
        ["frameworkVersion"] = Environment.Version.ToString(),
        ["operatingSystemVersion"] = Environment.OSVersion.VersionString,
    }));

    /// <summary>Exchange and message type URNs for a CLR type name ("Namespace.Type, Assembly").</summary>
    public static (string Exchange, string[] MessageTypes) Describe(string clrTypeName) =>
        Descriptions.GetOrAdd(clrTypeName, Build);

    private static (string, string[]) Build(string clrTypeName)
    {
        var type = Type.GetType(clrTypeName, throwOnError: false);
        var fullName = type?.FullName ?? clrTypeName.Split(',')[0].Trim();
        var concrete = Urn(fullName);
        // Interfaces let consumers of a base contract receive the message too (MassTransit's polymorphism).
        var interfaces = type?.GetInterfaces().Where(i => !i.IsGenericType && i.Namespace is not null && !i.Namespace.StartsWith("System", StringComparison.Ordinal))
            .Select(i => Urn(i.FullName!)) ?? [];
        return (ExchangeName(fullName), [concrete, .. interfaces]);
    }

    public static string ExchangeName(string fullName)
    {
        var split = fullName.LastIndexOf('.');
        return split < 0 ? fullName : $"{fullName[..split]}:{fullName[(split + 1)..]}";
    }

    public static string Urn(string fullName) => $"urn:message:{ExchangeName(fullName)}";

    /// <summary>
    /// The envelope's UTF-8 JSON, written into one buffer sized for it up front: an outbox
    /// dispatcher writes one per event, and a growing stream plus its final copy took a tenth of
    /// everything the prediction service allocated under single predictions.
    /// </summary>
    public static ReadOnlyMemory<byte> Write(Guid messageId, string[] messageTypes, string messageJson, string destinationAddress, IReadOnlyDictionary<string, string> headers, DateTimeOffset sentTime)
    {
        // Fixed fields, names and punctuation take under 256 bytes; the variable parts are counted
        // in characters, which is their size in bytes for ASCII (anything else grows the buffer once).
        var size = 256 + messageJson.Length + destinationAddress.Length + HostJson.Value.Length;
        foreach (var type in messageTypes) size += type.Length + 3;
        foreach (var (name, value) in headers) size += name.Length + value.Length + 6;
        var buffer = new ArrayBufferWriter<byte>(size);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("messageId", messageId);
            json.WriteString("destinationAddress", destinationAddress);
            json.WriteStartArray("messageType");
            foreach (var type in messageTypes) json.WriteStringValue(type);
            json.WriteEndArray();
            json.WritePropertyName("message");
            json.WriteRawValue(messageJson, skipInputValidation: false);
            json.WriteString("sentTime", sentTime.UtcDateTime);
            json.WriteStartObject("headers");
            foreach (var (name, value) in headers) json.WriteString(name, value);
            json.WriteEndObject();
            json.WritePropertyName("host");
            json.WriteRawValue(HostJson.Value, skipInputValidation: true);
            json.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }
}
