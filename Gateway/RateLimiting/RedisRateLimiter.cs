using Microsoft.Extensions.Options;
using Platform.Gateway.Tenancy;
using Platform.ServiceDefaults.RedisClient;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// The tenant's quota for the route group (the tier's requests per window, or the group's own
/// quota) and the API key's token bucket (the tier's burst, refilled at the tier's rate), checked
/// and counted in one Redis round trip. Throws when Redis cannot answer; the caller decides
/// whether that fails open or closed.
/// </summary>
public sealed class RedisRateLimiter(RedisClient redis, IOptions<RateLimitOptions> options, IOptions<GatewayRedisOptions> redisOptions)
{
    public async Task<RateLimitVerdict> CheckAsync(TenantIdentity tenant, string group, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var prefix = redisOptions.Value.KeyPrefix;
        var defaultGroup = string.Equals(group, RateLimitOptions.DefaultGroup, StringComparison.OrdinalIgnoreCase);
        long quota = defaultGroup ? tenant.Limits.RequestsPerMinute : settings.Groups.GetValueOrDefault(group, tenant.Limits.RequestsPerMinute);
        long capacity = tenant.Limits.Burst;
        long refill = tenant.Limits.RequestsPerMinute;
        var window = settings.Window;
        // A tenant resolved without a key (not possible today) shares one bucket per tenant.
        var bucket = tenant.ApiKeyId?.ToString("N") ?? "tenant:" + tenant.TenantId;

        var reply = await redis.EvaluateAsync(RateLimitScripts.Check,
            [$"{prefix}rl:w:{tenant.TenantId}:{group.ToLowerInvariant()}", $"{prefix}rl:b:{bucket}", UsageKeys.Index(prefix)],
            [quota, (long)window.TotalMilliseconds, capacity, refill, Guid.NewGuid().ToString("N"), tenant.TenantId, UsageKeys.MinutePrefix(prefix), (long)settings.UsageBucket.TotalMilliseconds],
            cancellationToken);
        var items = reply.Items ?? throw new RespProtocolException($"rate-limit script returned {reply.Type}");
        var windowPolicy = new RateLimitPolicy(defaultGroup ? "tenant" : "tenant-" + group.ToLowerInvariant(), quota, window);
        // The bucket refills its capacity in capacity/refill windows: that is its policy's window.
        var bucketPolicy = new RateLimitPolicy("key", capacity, window * capacity / refill);
        return new RateLimitVerdict(
            items[0].AsInt64() == 1,
            [
                new RateLimitState(windowPolicy, Math.Max(0, items[1].AsInt64()), TimeSpan.FromMilliseconds(items[2].AsInt64())),
                new RateLimitState(bucketPolicy, Math.Max(0, items[3].AsInt64()), TimeSpan.FromMilliseconds(items[4].AsInt64())),
            ],
            TimeSpan.FromMilliseconds(items[5].AsInt64()));
    }
}
