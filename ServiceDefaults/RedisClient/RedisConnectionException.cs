namespace Platform.ServiceDefaults.RedisClient;

/// <summary>Redis could not be reached, refused the credentials, or the connection broke before the reply came.</summary>
public sealed class RedisConnectionException(string message, Exception? inner = null, bool credentialsRefused = false) : Exception(message, inner)
{
    /// <summary>The server was reached but refused AUTH: retrying will not help until the configuration changes.</summary>
    public bool CredentialsRefused { get; } = credentialsRefused;
}
