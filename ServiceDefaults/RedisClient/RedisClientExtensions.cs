using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.RedisClient;

public static class RedisClientExtensions
{
    /// <summary>
    /// One shared <see cref="RedisClient"/> (one multiplexed connection for the whole process) to
    /// <c>ConnectionStrings:{connectionName}</c>, connecting on first use.
    /// </summary>
    /// <param name="configure">Adjusts the endpoint (e.g. shorter timeouts on a request path) from the app's services.</param>
    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName = "redis", Func<IServiceProvider, RedisEndpoint, RedisEndpoint>? configure = null)
    {
        builder.Services.AddSingleton(services =>
        {
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(connectionName)
                ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not set.");
            var endpoint = RedisEndpoint.Parse(connectionString);
            return new RedisClient(configure is null ? endpoint : configure(services, endpoint));
        });
        return builder;
    }

    /// <summary>The failures that mean "Redis cannot answer now" (as opposed to a bug in a command).</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisConnectionException or RedisTimeoutException or RespProtocolException or IOException;
}
