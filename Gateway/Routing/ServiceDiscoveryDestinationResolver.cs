using System.Net;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Platform.Gateway.Routing;

/// <summary>
/// Stands in for Microsoft.Extensions.ServiceDiscovery.Yarp (not available here): expands a
/// destination such as <c>http://prediction</c> into the endpoints service discovery knows for
/// it (<c>services:prediction:http:*</c>), and re-resolves when they change.
/// </summary>
internal sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        var changeTokens = new List<IChangeToken>();
        foreach (var (id, destination) in destinations)
        {
            var configured = new Uri(destination.Address);
            var source = await resolver.GetEndpointsAsync(destination.Address, cancellationToken);
            changeTokens.Add(source.ChangeToken);
            var index = 0;
            foreach (var endpoint in source.Endpoints)
            {
                var address = endpoint.EndPoint switch
                {
                    UriEndPoint uri => uri.Uri.ToString(),
                    IPEndPoint ip => $"{configured.Scheme}://{ip}",
                    DnsEndPoint dns => $"{configured.Scheme}://{dns.Host}:{dns.Port}",
                    var other => $"{configured.Scheme}://{other}",
                };
                resolved[source.Endpoints.Count == 1 ? id : $"{id}[{index}]"] = destination with { Address = address };
                index++;
            }
        }
        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }
}
