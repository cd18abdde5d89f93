using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Health;

public static class RedisHealthExtensions
{
    /// <summary>Adds a "redis" readiness check when <c>ConnectionStrings:redis</c> is set.</summary>
    public static IHostApplicationBuilder AddRedisHealthCheck(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("redis") is { Length: > 0 } connectionString)
        {
            builder.Services.AddHealthChecks().AddCheck("redis", new RedisHealthCheck(connectionString), tags: [HealthTags.Ready]);
        }
        return builder;
    }
}
