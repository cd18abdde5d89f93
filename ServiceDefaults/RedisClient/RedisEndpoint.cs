namespace Platform.ServiceDefaults.RedisClient;

/// <summary>
/// A Redis address in the StackExchange.Redis connection-string form Aspire injects:
/// <c>host:port[,password=...][,user=...][,connectTimeout=ms][,syncTimeout=ms]</c>.
/// </summary>
public sealed record RedisEndpoint(string Host, int Port, string? User, string? Password, TimeSpan ConnectTimeout, TimeSpan CommandTimeout)
{
    public static RedisEndpoint Parse(string connectionString)
    {
        var parts = connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var address = parts.Length > 0 ? parts[0] : "localhost";
        var separator = address.LastIndexOf(':');
        var host = separator > 0 ? address[..separator] : address;
        var port = separator > 0 && int.TryParse(address[(separator + 1)..], out var p) ? p : 6379;
        var options = parts.Skip(1).Select(o => o.Split('=', 2)).Where(o => o.Length == 2)
            .ToDictionary(o => o[0].Trim().ToLowerInvariant(), o => o[1].Trim());
        return new RedisEndpoint(
            host,
            port,
            options.GetValueOrDefault("user"),
            options.GetValueOrDefault("password"),
            Milliseconds(options, "connecttimeout", 5000),
            Milliseconds(options, "synctimeout", 5000));
    }

    private static TimeSpan Milliseconds(Dictionary<string, string> options, string key, int fallback) =>
        TimeSpan.FromMilliseconds(options.TryGetValue(key, out var value) && int.TryParse(value, out var ms) && ms > 0 ? ms : fallback);

    /// <summary>For logs and errors: never the password.</summary>
    public override string ToString() => $"{Host}:{Port}";
}
