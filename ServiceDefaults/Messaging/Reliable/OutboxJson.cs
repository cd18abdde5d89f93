using System.Text.Json;

namespace Platform.ServiceDefaults.Messaging.Reliable;

/// <summary>How staged messages are stored: the same web defaults MassTransit serializes with.</summary>
internal static class OutboxJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
