namespace Platform.AppHost.Hosting;

/// <summary>Fluent handle on a declared resource, as in Aspire.</summary>
public interface IResourceBuilder<out T> where T : Resource
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}
