using System.Globalization;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.RedisClient;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Counts, per API key, the requests the gateway itself refused (rate limited, conflicting,
/// malformed) over a sliding window in Redis; a key over the threshold is flagged once, with its
/// tenant and when, until an operator clears the flag.
/// </summary>
public sealed class AbuseDetector(RedisClient redis, IOptions<RateLimitOptions> options, IOptions<GatewayRedisOptions> redisOptions)
{
    // KEYS: counter, flags hash. ARGV: threshold, window ms, member, key id, tenant id.
    // Returns 1 when this rejection flagged the key.
    private static readonly RedisScript Count = new(RedisClock.Now + """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
        redis.call('ZADD', KEYS[1], now, ARGV[3])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        local count = redis.call('ZCARD', KEYS[1])
        if count > tonumber(ARGV[1]) and redis.call('HEXISTS', KEYS[2], ARGV[4]) == 0 then
          redis.call('HSET', KEYS[2], ARGV[4], ARGV[5] .. '|' .. now .. '|' .. count)
          return 1
        end
        return 0
        """);

    private string Prefix => redisOptions.Value.KeyPrefix + "abuse:";

    /// <summary>Counts one refused request of <paramref name="apiKeyId"/>; true when it got the key flagged.</summary>
    public async Task<bool> CountRejectionAsync(Guid apiKeyId, string tenantId, CancellationToken cancellationToken)
    {
        var settings = options.Value.AbuseDetection;
        var reply = await redis.EvaluateAsync(Count,
            [Prefix + "n:" + apiKeyId.ToString("N"), Prefix + "flags"],
            [settings.RejectedThreshold, (long)settings.Window.TotalMilliseconds, Guid.NewGuid().ToString("N"), apiKeyId.ToString(), tenantId],
            cancellationToken);
        return reply.AsInt64() == 1;
    }

    public async Task<IReadOnlyList<AbuseFlag>> ListAsync(CancellationToken cancellationToken)
    {
        var reply = await redis.ExecuteAsync(RedisArgs.Of("HGETALL", Prefix + "flags"), cancellationToken);
        var items = reply.Items ?? [];
        var flags = new List<AbuseFlag>(items.Count / 2);
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            var parts = items[i + 1].AsString()!.Split('|');
            flags.Add(new AbuseFlag(
                Guid.Parse(items[i].AsString()!),
                parts[0],
                DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1], CultureInfo.InvariantCulture)),
                long.Parse(parts[2], CultureInfo.InvariantCulture)));
        }
        return [.. flags.OrderBy(f => f.FlaggedAt)];
    }

    /// <summary>Clears a flag (and the key's count, so it starts afresh); false when the key was not flagged.</summary>
    public async Task<bool> ClearAsync(Guid apiKeyId, CancellationToken cancellationToken)
    {
        await redis.ExecuteAsync(RedisArgs.Of("DEL", Prefix + "n:" + apiKeyId.ToString("N")), cancellationToken);
        var removed = await redis.ExecuteAsync(RedisArgs.Of("HDEL", Prefix + "flags", apiKeyId.ToString()), cancellationToken);
        return removed.AsInt64() > 0;
    }
}
