using Platform.ServiceDefaults.RedisClient;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// The limiter's Lua scripts. Each runs atomically on Redis with Redis's own clock
/// (<c>TIME</c>), so every gateway instance counts against the same limits on the same clock.
/// </summary>
internal static class RateLimitScripts
{
    /// <summary>
    /// One request of a tenant through a route group, with one key:
    /// a sliding-window log per tenant and group (a sorted set of request times: exact at the
    /// window's edge), then a token bucket per API key; only when both allow is the request
    /// counted in either, and in the tenant's API-call usage for the current minute.
    /// KEYS: window, bucket, usage index (the usage hash of a minute is named from ARGV[7] and the
    /// minute, which only the script knows). ARGV: window limit, window ms, bucket capacity, tokens
    /// refilled per window, a unique member, tenant id, usage key prefix, usage bucket ms.
    /// Returns: allowed (0/1), window remaining, window reset ms, bucket remaining, bucket reset ms, retry-after ms.
    /// </summary>
    public static readonly RedisScript Check = new(RedisClock.Now + """
        local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
        local capacity, refill = tonumber(ARGV[3]), tonumber(ARGV[4]) / tonumber(ARGV[2])

        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local count = redis.call('ZCARD', KEYS[1])
        local window_ok = count < limit

        local bucket = redis.call('HMGET', KEYS[2], 'tokens', 'at')
        local tokens = tonumber(bucket[1]) or capacity
        local at = tonumber(bucket[2]) or now
        if now > at then tokens = math.min(capacity, tokens + (now - at) * refill) end
        local bucket_ok = tokens >= 1

        local allowed = window_ok and bucket_ok
        if allowed then
          redis.call('ZADD', KEYS[1], now, ARGV[5])
          count = count + 1
          tokens = tokens - 1
          local minute = now - (now % tonumber(ARGV[8]))
          local usage = ARGV[7] .. minute
          redis.call('HINCRBY', usage, ARGV[6], 1)
          redis.call('PEXPIRE', usage, 86400000)
          redis.call('ZADD', KEYS[3], 'NX', minute, minute)
        end
        redis.call('PEXPIRE', KEYS[1], window)
        redis.call('HSET', KEYS[2], 'tokens', tostring(tokens), 'at', now)
        redis.call('PEXPIRE', KEYS[2], math.ceil(capacity / refill) + 1000)

        local window_reset = window
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        if oldest[2] then window_reset = tonumber(oldest[2]) + window - now end
        local bucket_reset = math.ceil((capacity - tokens) / refill)

        local retry = 0
        if not allowed then
          if not window_ok then retry = window_reset end
          if not bucket_ok then retry = math.max(retry, math.ceil((1 - tokens) / refill)) end
        end
        return { allowed and 1 or 0, limit - count, window_reset, math.floor(tokens), bucket_reset, retry }
        """);
}
