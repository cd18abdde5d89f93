namespace Platform.AppHost.Hosting;

/// <summary>
/// One environment variable, as the manifest writes it (an expression such as
/// <c>{predictiondb.connectionString}</c>) and as the local run resolves it once the resource
/// it refers to is running.
/// </summary>
public sealed record EnvironmentValue(string Name, string ManifestExpression, Func<string?> Resolve);
