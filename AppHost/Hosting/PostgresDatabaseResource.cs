namespace Platform.AppHost.Hosting;

/// <summary>One service's database on a PostgreSQL server; the service's migrations create it.</summary>
public sealed class PostgresDatabaseResource(string name, PostgresServerResource server) : Resource(name), IResourceWithConnectionString
{
    public override string Kind => "PostgresDatabase";

    public PostgresServerResource Server { get; } = server;

    public string ConnectionStringExpression => $"{{{Server.Name}.connectionString}};Database={Name}";

    public string? ConnectionString => Server.ConnectionString is { } server ? $"{server.TrimEnd(';')};Database={Name}" : null;
}
