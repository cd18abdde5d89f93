namespace Platform.AppHost.Hosting;

/// <summary>
/// Something the AppHost runs or points at: a server, a database, a project, a parameter.
/// Mirrors Aspire's resource model so the topology reads (and publishes) the same way.
/// </summary>
public abstract class Resource(string name)
{
    public string Name { get; } = ResourceNames.Validate(name);

    /// <summary>What the dashboard shows as the resource's kind.</summary>
    public abstract string Kind { get; }

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public List<Resource> WaitsFor { get; } = [];

    /// <summary>Environment given to this resource, in declaration order.</summary>
    public List<EnvironmentValue> Environment { get; } = [];

    public override string ToString() => Name;
}
