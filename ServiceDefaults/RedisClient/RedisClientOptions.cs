namespace Platform.ServiceDefaults.RedisClient;

/// <summary>Reconnect pacing: after a failed connect, commands fail fast until the backoff has passed.</summary>
public sealed class RedisClientOptions
{
    public TimeSpan InitialReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);
}
