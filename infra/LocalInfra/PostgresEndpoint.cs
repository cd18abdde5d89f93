namespace Platform.LocalInfra;

/// <summary>A PostgreSQL server the platform can use: local and private, or external.</summary>
/// <param name="ConnectionString">Npgsql connection string without a database name.</param>
public sealed record PostgresEndpoint(string ConnectionString)
{
    /// <summary>The connection string for one service's database (created by its migrations).</summary>
    public string ForDatabase(string database) => $"{ConnectionString.TrimEnd(';')};Database={database}";
}
