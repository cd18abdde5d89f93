namespace Platform.AppHost.Hosting;

/// <summary>The Aspire-style vocabulary the AppHost's Program.cs is written in.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name) =>
        builder.AddServer(new PostgresServerResource(name) { Password = builder.AddSecret($"{name}-password") });

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name)
    {
        var database = new PostgresDatabaseResource(name, server.Resource);
        server.Resource.Databases.Add(database);
        database.WaitsFor.Add(server.Resource);
        return server.ApplicationBuilder.AddResource(database);
    }

    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name) =>
        builder.AddServer(new RedisResource(name) { Password = builder.AddSecret($"{name}-password") });

    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this DistributedApplicationBuilder builder, string name)
    {
        var server = builder.AddServer(new RabbitMQServerResource(name) { Password = builder.AddSecret($"{name}-password") });
        server.Resource.ManagementUrl = builder.Configuration.GetConnectionStringOrNull($"{name}-management");
        return server;
    }

    /// <summary>A project by its .csproj path relative to the repository root.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectPath)
    {
        var project = builder.AddResource(new ProjectResource(name, projectPath));
        project.WithEnvironment("OTEL_SERVICE_NAME", name);
        return project;
    }

    /// <summary>Injects <c>ConnectionStrings__{name}</c> (and waits for nothing: combine with <see cref="WaitFor{T}"/>).</summary>
    public static IResourceBuilder<T> WithReference<T, TSource>(this IResourceBuilder<T> builder, IResourceBuilder<TSource> source)
        where T : Resource
        where TSource : Resource, IResourceWithConnectionString
    {
        var target = source.Resource;
        builder.Resource.Environment.Add(new EnvironmentValue(
            $"ConnectionStrings__{target.Name}", $"{{{target.Name}.connectionString}}", () => target.ConnectionString));
        return builder;
    }

    /// <summary>Injects <c>services__{name}__http__0</c> so <c>http://{name}</c> resolves.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProjectResource> source) where T : Resource
    {
        var target = source.Resource;
        builder.Resource.Environment.Add(new EnvironmentValue(
            $"services__{target.Name}__http__0", $"{{{target.Name}.bindings.http.url}}", () => target.HttpUrl));
        return builder;
    }

    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency) where T : Resource
    {
        if (!builder.Resource.WaitsFor.Contains(dependency.Resource)) builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value) where T : Resource
    {
        builder.Resource.Environment.Add(new EnvironmentValue(name, value, () => value));
        return builder;
    }

    /// <summary>An environment variable from a parameter (<c>{name.value}</c> in the manifest).</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ParameterResource> parameter) where T : Resource
    {
        var source = parameter.Resource;
        source.UsedLocally = true;
        builder.Resource.Environment.Add(new EnvironmentValue(name, $"{{{source.Name}.value}}", () => source.Value));
        return builder;
    }

    /// <summary>A parameter; a secret one is generated when nobody gives it (by the deployment tool, or by a local run).</summary>
    public static IResourceBuilder<ParameterResource> AddParameter(this DistributedApplicationBuilder builder, string name, bool secret, int generatedLength = 22) =>
        builder.AddResource(new ParameterResource(name, secret, generatedLength));

    /// <summary>A local run reads the value from this configuration key instead of <c>Parameters:{name}</c>.</summary>
    public static IResourceBuilder<ParameterResource> FromConfiguration(this IResourceBuilder<ParameterResource> parameter, string key)
    {
        parameter.Resource.ConfigurationKey = key;
        return parameter;
    }

    /// <summary>When a local run generates the value, it prints it once (an admin key its user needs).</summary>
    public static IResourceBuilder<ParameterResource> ShowWhenGenerated(this IResourceBuilder<ParameterResource> parameter)
    {
        parameter.Resource.ShowWhenGenerated = true;
        return parameter;
    }

    /// <summary>A fixed HTTP port (or a free one when <paramref name="port"/> is null).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int? port = null)
    {
        builder.Resource.HttpPort = port;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithHttpsEndpoint(this IResourceBuilder<ProjectResource> builder, int port)
    {
        builder.Resource.HttpsPort = port;
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> builder)
    {
        builder.Resource.External = true;
        return builder;
    }

    private static IResourceBuilder<T> AddServer<T>(this DistributedApplicationBuilder builder, T server) where T : ServerResource
    {
        server.ExternalConnectionString = builder.Configuration.GetConnectionStringOrNull(server.Name);
        return builder.AddResource(server);
    }

    private static ParameterResource AddSecret(this DistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new ParameterResource(name, secret: true)).Resource;

    private static string? GetConnectionStringOrNull(this Microsoft.Extensions.Configuration.IConfiguration configuration, string name) =>
        configuration[$"ConnectionStrings:{name}"] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;
}
