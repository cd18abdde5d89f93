namespace Platform.ServiceDefaults.RedisClient;

/// <summary>Redis could not be reached, or the connection broke before the reply came.</summary>
public sealed class RedisConnectionException(string message, Exception? inner = null) : Exception(message, inner);
