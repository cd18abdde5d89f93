using Platform.AppHost.Hosting;

namespace Platform.AppHost.Orchestration;

/// <summary>Host and port of an external server, read from its connection string.</summary>
public sealed record ServerAddress(string Host, int Port)
{
    public static ServerAddress Parse(ServerResource server, string connectionString) => server switch
    {
        PostgresServerResource => FromKeyValues(connectionString, 5432),
        RabbitMQServerResource => FromUri(connectionString, 5672),
        _ => FromHostPort(connectionString, 6379),
    };

    // Npgsql form: Host=db;Port=5432;Username=...
    private static ServerAddress FromKeyValues(string connectionString, int defaultPort)
    {
        var pairs = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var host = pairs.GetValueOrDefault("host") ?? pairs.GetValueOrDefault("server")
            ?? throw new InvalidOperationException("the PostgreSQL connection string has no Host");
        return new ServerAddress(host.Split(',')[0], pairs.TryGetValue("port", out var port) && int.TryParse(port, out var p) ? p : defaultPort);
    }

    private static ServerAddress FromUri(string connectionString, int defaultPort) =>
        Uri.TryCreate(connectionString, UriKind.Absolute, out var uri)
            ? new ServerAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? defaultPort : uri.Port)
            : throw new InvalidOperationException("the connection string is not an amqp:// URI");

    // StackExchange.Redis form: host:port[,option=value...]
    private static ServerAddress FromHostPort(string connectionString, int defaultPort)
    {
        var endpoint = connectionString.Split(',')[0].Trim();
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint[(colon + 1)..], out var port)
            ? new ServerAddress(endpoint[..colon], port)
            : new ServerAddress(endpoint, defaultPort);
    }
}
