using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.RedisClient;

namespace Platform.Gateway.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>
    /// Redis-backed limits, flood guard, abuse flags and usage reporting. Redis down is "degraded"
    /// while the gateway fails open, "unhealthy" when it fails closed (it then refuses traffic).
    /// </summary>
    public static IHostApplicationBuilder AddRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<GatewayRedisOptions>().BindConfiguration(GatewayRedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddRedisClient(configure: (services, endpoint) =>
        {
            var redis = services.GetRequiredService<IOptions<GatewayRedisOptions>>().Value;
            return endpoint with { CommandTimeout = redis.CommandTimeout, ConnectTimeout = redis.ConnectTimeout };
        });
        var failClosed = builder.Configuration.GetValue<bool>($"{RateLimitOptions.Section}:FailClosed");
        builder.AddRedisHealthCheck(failClosed ? HealthStatus.Unhealthy : HealthStatus.Degraded);
        builder.Services.AddSingleton<RedisRateLimiter>();
        builder.Services.AddSingleton<FloodGuard>();
        builder.Services.AddSingleton<AbuseDetector>();
        builder.Services.AddHostedService<ApiUsageReporter>();
        return builder;
    }
}
