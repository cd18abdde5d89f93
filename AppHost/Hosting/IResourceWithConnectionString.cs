namespace Platform.AppHost.Hosting;

/// <summary>A resource other resources reference through <c>ConnectionStrings__{name}</c>.</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    /// <summary>The manifest expression, e.g. <c>{postgres.connectionString};Database=predictiondb</c>.</summary>
    string ConnectionStringExpression { get; }

    /// <summary>The connection string of the running resource; null until it runs.</summary>
    string? ConnectionString { get; }
}
