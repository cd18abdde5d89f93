using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.Hosting;

/// <summary>Collects the topology; <see cref="Build"/> turns it into something that runs or publishes.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];

    internal DistributedApplicationBuilder(string[] args, IConfiguration configuration)
    {
        Args = args;
        Configuration = configuration;
    }

    public string[] Args { get; }

    /// <summary>appsettings.json, environment and command line, in that order of precedence (last wins).</summary>
    public IConfiguration Configuration { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : Resource
    {
        if (_resources.Any(r => r.Name == resource.Name))
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build() => new(this);
}
