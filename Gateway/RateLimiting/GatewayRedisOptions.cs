using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.RateLimiting;

/// <summary>How the gateway uses Redis (section <c>Gateway:Redis</c>): on the request path, so failing fast matters more than waiting.</summary>
public sealed class GatewayRedisOptions
{
    public const string Section = "Gateway:Redis";

    /// <summary>Prefix of every key the gateway writes, so several deployments can share one Redis.</summary>
    [RegularExpression(@"^[A-Za-z0-9:_\-.]{0,64}$")]
    public string KeyPrefix { get; set; } = "gateway:";

    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
