namespace Platform.ServiceDefaults.RedisClient;

/// <summary>The server answered with an error reply (<c>WRONGTYPE</c>, <c>NOSCRIPT</c>, <c>ERR</c> …).</summary>
public sealed class RedisServerException(string message) : Exception(message)
{
    /// <summary>The error's first word, e.g. <c>NOSCRIPT</c>.</summary>
    public string Code => Message.Split(' ', 2)[0];
}
