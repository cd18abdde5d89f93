namespace Platform.Observability.DeadLetters;

/// <summary>Why a message was dead-lettered.</summary>
public static class DeadLetterReasons
{
    /// <summary>The consumer threw on every attempt.</summary>
    public const string Fault = "fault";

    /// <summary>The body could not be read as a message.</summary>
    public const string Unparseable = "unparseable";

    /// <summary>No consumer on the queue handles its message type.</summary>
    public const string UnknownMessageType = "unknown-message-type";

    /// <summary>The body exceeded the size limit.</summary>
    public const string Oversized = "oversized";
}
