using System.Globalization;
using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.RedisClient;

namespace Platform.Gateway.RateLimiting;

/// <summary>Counts unattributed requests per client address in Redis and blocks addresses that send too many.</summary>
public sealed class FloodGuard(RedisClient redis, IMemoryCache cache, IOptions<RateLimitOptions> options, IOptions<GatewayRedisOptions> redisOptions)
{
    // KEYS: counter, block, blocked index. ARGV: limit, window ms, block ms, member, address.
    // Returns 1 when this request blocked the address.
    private static readonly RedisScript Count = new(RedisClock.Now + """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
        redis.call('ZADD', KEYS[1], now, ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        if redis.call('ZCARD', KEYS[1]) > tonumber(ARGV[1]) then
          redis.call('SET', KEYS[2], now, 'PX', ARGV[3])
          redis.call('ZADD', KEYS[3], now + tonumber(ARGV[3]), ARGV[5])
          redis.call('DEL', KEYS[1])
          return 1
        end
        return 0
        """);

    // KEYS: blocked index. Returns address, blocked-until (ms) pairs of the blocks still in force.
    private static readonly RedisScript List = new(RedisClock.Now + """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
        return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
        """);

    private string Prefix => redisOptions.Value.KeyPrefix + "flood:";

    /// <summary>
    /// Until when <paramref name="address"/> is blocked (<see cref="DateTimeOffset.MinValue"/> when it
    /// is not). Every request asks, so the answer is remembered for <c>FloodGuard:StateCacheDuration</c>:
    /// a block made by another gateway instance, or lifted there, reaches this one that much later.
    /// </summary>
    public async Task<TimeSpan> BlockedForAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var key = Key(address);
        if (!cache.TryGetValue(CacheKey(key), out DateTimeOffset until))
        {
            var ttl = await redis.TimeToLiveAsync(Prefix + "block:" + key, cancellationToken);
            until = ttl > 0 ? DateTimeOffset.UtcNow.AddMilliseconds(ttl) : DateTimeOffset.MinValue;
            Remember(key, until);
        }
        var left = until - DateTimeOffset.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void Remember(string key, DateTimeOffset until)
    {
        var duration = options.Value.FloodGuard.StateCacheDuration;
        if (duration > TimeSpan.Zero) cache.Set(CacheKey(key), until, duration);
    }

    private static string CacheKey(string address) => "flood-guard:" + address;

    /// <summary>Counts one unattributed request; true when it crossed the limit and blocked the address.</summary>
    public async Task<bool> CountAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var key = Key(address);
        var reply = await redis.EvaluateAsync(Count,
            [Prefix + "n:" + key, Prefix + "block:" + key, Prefix + "blocked"],
            [settings.FloodGuard.RequestsPerWindow, (long)settings.Window.TotalMilliseconds, (long)settings.FloodGuard.BlockDuration.TotalMilliseconds, Guid.NewGuid().ToString("N"), key],
            cancellationToken);
        var blocked = reply.AsInt64() == 1;
        if (blocked) Remember(key, DateTimeOffset.UtcNow + settings.FloodGuard.BlockDuration);
        return blocked;
    }

    public async Task<IReadOnlyList<BlockedAddress>> ListAsync(CancellationToken cancellationToken)
    {
        var reply = await redis.EvaluateAsync(List, [Prefix + "blocked"], [], cancellationToken);
        var items = reply.Items ?? [];
        var blocked = new List<BlockedAddress>(items.Count / 2);
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            var until = long.Parse(items[i + 1].AsString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
            blocked.Add(new BlockedAddress(items[i].AsString()!, DateTimeOffset.FromUnixTimeMilliseconds(until)));
        }
        return blocked;
    }

    /// <summary>Lifts a block and forgets the address's count; false when it was not blocked.</summary>
    public async Task<bool> UnblockAsync(IPAddress address, CancellationToken cancellationToken)
    {
        var key = Key(address);
        cache.Remove(CacheKey(key));
        var removed = await redis.ExecuteAsync(RedisArgs.Of("DEL", Prefix + "block:" + key), cancellationToken);
        var listed = await redis.ExecuteAsync(RedisArgs.Of("ZREM", Prefix + "blocked", key), cancellationToken);
        await redis.ExecuteAsync(RedisArgs.Of("DEL", Prefix + "n:" + key), cancellationToken);
        return removed.AsInt64() > 0 || listed.AsInt64() > 0;
    }

    /// <summary>IPv4 clients reached over a dual-stack socket arrive as ::ffff:a.b.c.d; they are one address.</summary>
    public static string Key(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
