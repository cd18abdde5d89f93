namespace Platform.ServiceDefaults.RedisClient;

/// <summary>The server sent something that is not RESP: the connection is dropped and rebuilt.</summary>
public sealed class RespProtocolException(string message) : Exception(message);
