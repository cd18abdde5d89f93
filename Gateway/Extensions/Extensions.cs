using Platform.Gateway.Https;
using Platform.Gateway.Routing;
using Platform.Gateway.Telemetry;
using Platform.Gateway.Tenancy;
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
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.AddHttpsEnforcement();
        builder.AddPlatformMessaging(ServiceName);
        builder.Services.AddOptions<TenantResolutionOptions>()
            .BindConfiguration(TenantResolutionOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddHttpClient<TenancyResolver>(client => client.BaseAddress = new Uri("http://tenancy"));
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(context => context.AddRequestTransform(TenantForwarding.Apply));
        // Destinations name services ("http://prediction"); resolve them like every HttpClient does.
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
        return builder;
    }

    /// <summary>The proxy, behind admin-key and tenant checks for every matched route.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapReverseProxy(proxy => proxy.UseMiddleware<GatewayAccessMiddleware>());
        return app;
    }
}
