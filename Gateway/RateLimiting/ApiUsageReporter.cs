using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Platform.Contracts.Usage;
using Platform.Gateway.Telemetry;
using Platform.ServiceDefaults.Messaging.Reliable;
using Platform.ServiceDefaults.RedisClient;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Reports each tenant's API calls to tenancy as one <see cref="ApiCallsRecorded"/> per tenant and
/// minute. The rate-limit script counts calls per minute in Redis (shared by all gateway
/// instances); once a minute is over on Redis's clock, one instance takes it under a lease, publishes
/// with confirms under an id derived from tenant and minute, and only then deletes it. A crash in
/// between leaves the minute to be published again after the lease, under the same ids, which
/// tenancy's inbox applies once: no count is lost to a gateway restart, none is billed twice.
/// </summary>
public sealed partial class ApiUsageReporter(
    RedisClient redis,
    ConfirmedEventPublisher publisher,
    IOptions<RateLimitOptions> options,
    IOptions<GatewayRedisOptions> redisOptions,
    GatewayMetrics metrics,
    ILogger<ApiUsageReporter> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // KEYS: the minute's counts, its pending copy, its lease. ARGV: lease ms, owner, minute, bucket ms.
    // Moves a closed minute's counts into the pending copy and returns that; nil while the minute
    // is still open or another instance holds the lease.
    private static readonly RedisScript Take = new(RedisClock.Now + """
        if tonumber(ARGV[3]) + tonumber(ARGV[4]) > now then return false end
        if not redis.call('SET', KEYS[3], ARGV[2], 'NX', 'PX', ARGV[1]) then return false end
        local counts = redis.call('HGETALL', KEYS[1])
        for i = 1, #counts, 2 do redis.call('HINCRBY', KEYS[2], counts[i], counts[i + 1]) end
        redis.call('DEL', KEYS[1])
        return redis.call('HGETALL', KEYS[2])
        """);

    // KEYS: pending copy, lease, index. ARGV: owner, minute. Forgets a published minute if the lease is still ours.
    private static readonly RedisScript Done = new("""
        if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('ZREM', KEYS[3], ARGV[2])
        return 1
        """);

    private readonly string _owner = Guid.NewGuid().ToString("N");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UsageReportInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ReportClosedMinutesAsync(stoppingToken);
            }
            catch (Exception ex) when (RedisClientExtensions.IsUnavailable(ex))
            {
                metrics.RedisFailure("usage");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The broker, most likely: the counts stay in Redis for the next round.
                LogReportFailed(logger, ex);
            }
        }
    }

    /// <summary>Publishes every minute that is over; returns how many calls were reported.</summary>
    public async Task<long> ReportClosedMinutesAsync(CancellationToken cancellationToken)
    {
        var prefix = redisOptions.Value.KeyPrefix;
        var bucket = options.Value.UsageBucket;
        var minutes = await redis.ExecuteAsync(RedisArgs.Of("ZRANGE", UsageKeys.Index(prefix), 0, 99), cancellationToken);
        long reported = 0;
        foreach (var minute in (minutes.Items ?? []).Select(m => m.AsInt64()))
        {
            var counts = await redis.EvaluateAsync(Take,
                [UsageKeys.MinutePrefix(prefix) + minute, UsageKeys.Pending(prefix, minute), UsageKeys.Lease(prefix, minute)],
                [(long)Lease.TotalMilliseconds, _owner, minute, (long)bucket.TotalMilliseconds], cancellationToken);
            if (counts.IsNull || counts.Items is not { } items) continue;

            var start = DateTimeOffset.FromUnixTimeMilliseconds(minute);
            var events = new List<(ApiCallsRecorded, Guid)>(items.Count / 2);
            for (var i = 0; i + 1 < items.Count; i += 2)
            {
                var tenant = items[i].AsString()!;
                events.Add((new ApiCallsRecorded(tenant, items[i + 1].AsInt64(), start, start + bucket), MessageIdOf(tenant, minute)));
            }
            if (events.Count > 0) await publisher.PublishAsync(events, cancellationToken);
            await redis.EvaluateAsync(Done, [UsageKeys.Pending(prefix, minute), UsageKeys.Lease(prefix, minute), UsageKeys.Index(prefix)], [_owner, minute], cancellationToken);
            var calls = events.Sum(e => e.Item1.Calls);
            metrics.UsagePublished(calls);
            reported += calls;
        }
        return reported;
    }

    /// <summary>The same tenant and minute always get the same id, whichever instance publishes them.</summary>
    public static Guid MessageIdOf(string tenantId, long minute) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"platform.gateway.api-calls|{tenantId}|{minute}")).AsSpan(0, 16));

    [LoggerMessage(LogLevel.Warning, "Reporting API usage to tenancy failed; the counts stay in Redis for the next attempt")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}
