namespace Platform.AppHost.Hosting;

public sealed class PostgresServerResource(string name) : ServerResource(name)
{
    public override string Kind => "Postgres";

    public List<PostgresDatabaseResource> Databases { get; } = [];

    public override string ConnectionStringExpression =>
        $"Host={{{Name}.bindings.tcp.host}};Port={{{Name}.bindings.tcp.port}};Username=postgres;Password={{{Password!.Name}.value}}";

    // The same major version the local server runs (Debian 12's PostgreSQL 15).
    public override string Image => "docker.io/library/postgres:15";

    public override int TargetPort => 5432;

    public override string DataPath => "/var/lib/postgresql/data";

    public override IReadOnlyDictionary<string, string> ContainerEnvironment => new Dictionary<string, string>
    {
        ["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256",
        ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256",
        ["POSTGRES_USER"] = "postgres",
        ["POSTGRES_PASSWORD"] = $"{{{Password!.Name}.value}}",
    };
}
