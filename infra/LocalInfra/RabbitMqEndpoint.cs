using System.Net.Http.Headers;
using System.Text;

namespace Platform.LocalInfra;

/// <summary>A RabbitMQ broker: its AMQP address and its management API (for vhosts and queue inspection).</summary>
public sealed record RabbitMqEndpoint(string Host, int AmqpPort, Uri Management, string User, string Password)
{
    /// <summary>An AMQP URI in the form MassTransit and Aspire use: <c>amqp://user:pass@host:port/vhost</c>.</summary>
    public string ConnectionString(string? virtualHost = null) =>
        $"amqp://{Uri.EscapeDataString(User)}:{Uri.EscapeDataString(Password)}@{Host}:{AmqpPort}/{Uri.EscapeDataString(virtualHost ?? "")}";

    /// <summary>An HTTP client for the management API, authenticated.</summary>
    public HttpClient CreateManagementClient()
    {
        var client = new HttpClient { BaseAddress = Management, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
        return client;
    }

    /// <summary>Creates a virtual host and gives the endpoint's user full rights on it.</summary>
    public async Task CreateVirtualHostAsync(string name, CancellationToken cancellationToken = default)
    {
        using var client = CreateManagementClient();
        var vhost = Uri.EscapeDataString(name);
        using var created = await client.PutAsync($"api/vhosts/{vhost}", null, cancellationToken);
        created.EnsureSuccessStatusCode();
        using var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        using var granted = await client.PutAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(User)}", permissions, cancellationToken);
        granted.EnsureSuccessStatusCode();
    }

    public async Task DeleteVirtualHostAsync(string name, CancellationToken cancellationToken = default)
    {
        using var client = CreateManagementClient();
        using var _ = await client.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(name)}", cancellationToken);
    }

    /// <summary>
    /// Reads an external broker's address from an AMQP connection string. The management API is
    /// assumed on port 15672 of the same host unless <paramref name="managementUri"/> is given.
    /// </summary>
    public static RabbitMqEndpoint Parse(string amqpConnectionString, string? managementUri = null)
    {
        var uri = new Uri(amqpConnectionString);
        var credentials = uri.UserInfo.Split(':', 2);
        var user = credentials.Length > 0 && credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "guest";
        var password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "guest";
        var port = uri.IsDefaultPort || uri.Port <= 0 ? 5672 : uri.Port;
        return new RabbitMqEndpoint(uri.Host, port, new Uri(managementUri ?? $"http://{uri.Host}:15672/"), user, password);
    }
}
