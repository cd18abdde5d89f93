using RabbitMQ.Client;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>The parts of an AMQP connection string (<c>amqp://user:pass@host:port/vhost</c>, as Aspire injects it).</summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string User, string Password)
{
    public static RabbitMqAddress Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
            throw new FormatException("ConnectionStrings:messaging must be an AMQP URI such as amqp://guest:guest@localhost:5672/");
        var credentials = uri.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            uri.Host,
            (ushort)(uri.IsDefaultPort || uri.Port <= 0 ? 5672 : uri.Port),
            vhost.Length == 0 ? "/" : vhost,
            credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest",
            credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest");
    }

    /// <summary>The queue a MassTransit endpoint address (<c>rabbitmq://host/vhost/queue?...</c>) names.</summary>
    public static string QueueOf(Uri endpointAddress) => endpointAddress.AbsolutePath.Trim('/').Split('/')[^1];

    /// <summary><c>rabbitmq://host:port/vhost/</c>, the prefix of MassTransit's addresses.</summary>
    public string AddressBase => $"rabbitmq://{Host}:{Port}/{(VirtualHost == "/" ? "" : VirtualHost + "/")}";

    /// <summary>
    /// A plain RabbitMQ.Client factory without automatic recovery: callers replace a failed
    /// connection themselves, since recovery would keep half-dead channels around.
    /// </summary>
    public ConnectionFactory CreateFactory(string clientName) => new()
    {
        HostName = Host,
        Port = Port,
        VirtualHost = VirtualHost,
        UserName = User,
        Password = Password,
        ClientProvidedName = clientName,
        AutomaticRecoveryEnabled = false,
    };
}
