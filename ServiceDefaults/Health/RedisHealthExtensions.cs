using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Health;

public static class RedisHealthExtensions
{
    /// <summary>Adds a "redis" readiness check when <c>ConnectionStrings:redis</c> is set.</summary>
    /// <param name="failureStatus">What an unreachable Redis means for this app: <c>Degraded</c> where it carries on without it.</param>
    public static IHostApplicationBuilder AddRedisHealthCheck(this IHostApplicationBuilder builder, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        if (builder.Configuration.GetConnectionString("redis") is { Length: > 0 } connectionString)
        {
            builder.Services.AddHealthChecks().AddCheck("redis", new RedisHealthCheck(connectionString), failureStatus, tags: [HealthTags.Ready]);
        }
        return builder;
    }
}
