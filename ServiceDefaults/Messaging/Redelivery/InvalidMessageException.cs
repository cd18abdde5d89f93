namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Thrown by a consumer for a message whose content can never be applied (a negative quantity,
/// an unknown tenant): it goes to the dead-letter archive at once instead of being retried.
/// </summary>
public sealed class InvalidMessageException(string message) : Exception(message);
