namespace Platform.AppHost.Hosting;

/// <summary>
/// A server the AppHost starts locally (from Debian packages, not containers) unless a
/// connection string with the same name is configured, which replaces it.
/// </summary>
public abstract class ServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    /// <summary>Set when configuration supplies <c>ConnectionStrings:{name}</c>.</summary>
    public string? ExternalConnectionString { get; set; }

    public bool IsExternal => ExternalConnectionString is not null;

    /// <summary>The connection string of the running server: the external one, or the local server's once started.</summary>
    public string? ConnectionString { get; set; }

    public abstract string ConnectionStringExpression { get; }

    /// <summary>The official container image a deployment would run instead.</summary>
    public abstract string Image { get; }

    public abstract int TargetPort { get; }

    /// <summary>Where the container keeps its data (a named volume in the manifest).</summary>
    public abstract string DataPath { get; }

    /// <summary>Container environment for a deployment, with manifest expressions.</summary>
    public abstract IReadOnlyDictionary<string, string> ContainerEnvironment { get; }

    /// <summary>The password parameter, when the deployed server has one.</summary>
    public ParameterResource? Password { get; init; }
}
