namespace Platform.ServiceDefaults.RedisClient;

/// <summary>No reply within the command timeout; the connection stays usable (the late reply is discarded in order).</summary>
public sealed class RedisTimeoutException(string message) : TimeoutException(message);
