namespace Platform.Gateway.RateLimiting;

/// <summary>
/// The Lua prelude every time-based script starts with: <c>now</c> in milliseconds on Redis's
/// clock, so all gateway instances judge windows, buckets and blocks by one clock, not their own.
/// </summary>
internal static class RedisClock
{
    public const string Now = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

        """;
}
