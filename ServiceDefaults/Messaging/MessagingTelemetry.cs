using System.Diagnostics;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>The platform's own messaging spans (MassTransit and Npgsql emit theirs themselves).</summary>
internal static class MessagingTelemetry
{
    public static readonly ActivitySource Source = new(PlatformTelemetry.Prefix + ".Messaging");
}
