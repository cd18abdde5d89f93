using Platform.Gateway.Admin;
using Platform.Gateway.Https;
using Platform.Gateway.Idempotency;
using Platform.Gateway.Limits;
using Platform.Gateway.Logging;
using Platform.Gateway.RateLimiting;
using Platform.Gateway.Routing;
using Platform.Gateway.Security;
using Platform.Gateway.Telemetry;
using Platform.Gateway.Tenancy;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Telemetry;
using Yarp.ReverseProxy.ServiceDiscovery;
using Yarp.ReverseProxy.Transforms;

namespace Platform.Gateway.Extensions;

public static class Extensions
{
    public const string ServiceName = "gateway";

    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddInstruments<GatewayMetrics>();
        builder.AddHttpsEnforcement();
        builder.AddRateLimiting();
        builder.AddRequestLimits();
        builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IdempotencyStore>();
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

    /// <summary>
    /// What every request passes first, proxied or not: security headers (on every response, a
    /// redirect included), the request log, HTTPS enforcement, then the request timeout.
    /// </summary>
    public static WebApplication UseGatewayEdge(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseHttpsEnforcement();
        app.UseRequestTimeouts();
        return app;
    }

    /// <summary>The gateway's admin API and the proxy, behind flood guard, admin-key and tenant checks and rate limits.</summary>
    public static WebApplication MapGateway(this WebApplication app)
    {
        app.MapGatewayAdminApi();
        // Order matters: a blocked address is refused before the key is even looked at; limits
        // need the tenant; abuse counting sees every refusal the gateway makes after attribution.
        // The rate-limit decision is awaited by the gate (and by idempotency before it answers).
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<RequestLimitsMiddleware>();
            proxy.UseMiddleware<FloodGuardMiddleware>();
            proxy.UseMiddleware<GatewayAccessMiddleware>();
            proxy.UseMiddleware<AbuseDetectionMiddleware>();
            proxy.UseMiddleware<RateLimitMiddleware>();
            proxy.UseMiddleware<IdempotencyMiddleware>();
            proxy.UseMiddleware<RateLimitGateMiddleware>();
        });
        return app;
    }
}
