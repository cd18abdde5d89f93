using Platform.Gateway.Routing;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Messaging;
using Yarp.ReverseProxy.ServiceDiscovery;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway.Extensions;

public static class Extensions
{
    public const string ServiceName = "gateway";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisHealthCheck();
        builder.AddPlatformMessaging(ServiceName);
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(context => context.AddRequestTransform(TenantHeaderStripping.Apply));
        // Destinations name services ("http://prediction"); resolve them like every HttpClient does.
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
        return builder;
    }
}
