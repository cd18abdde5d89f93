using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Gateway.RateLimiting;
using Platform.ServiceDefaults.RedisClient;

namespace Platform.Gateway.Idempotency;

/// <summary>Idempotency records in Redis, one hash per tenant and key (the key is stored as its SHA-256: any printable text is a safe name).</summary>
public sealed class IdempotencyStore(RedisClient redis, IOptions<IdempotencyOptions> options, IOptions<GatewayRedisOptions> redisOptions)
{
    public async Task<(IdempotencyOutcome Outcome, StoredResponse? Response)> BeginAsync(string scope, string key, string fingerprint, string owner, CancellationToken cancellationToken)
    {
        var reply = await redis.EvaluateAsync(IdempotencyScripts.Begin, [RecordKey(scope, key)],
            [fingerprint, owner, (long)options.Value.InFlightLease.TotalMilliseconds], cancellationToken);
        var items = reply.Items ?? throw new RespProtocolException($"idempotency script returned {reply.Type}");
        return items[0].AsString() switch
        {
            "new" => (IdempotencyOutcome.New, null),
            "conflict" => (IdempotencyOutcome.Conflict, null),
            "mismatch" => (IdempotencyOutcome.Mismatch, null),
            _ => (IdempotencyOutcome.Replay, new StoredResponse(
                int.Parse(items[1].AsString()!, CultureInfo.InvariantCulture),
                JsonSerializer.Deserialize<Dictionary<string, string[]>>(items[2].Bulk!) ?? [],
                items[3].Bulk ?? [],
                items[4].AsString()!)),
        };
    }

    public async Task<bool> CompleteAsync(string scope, string key, string owner, StoredResponse response, CancellationToken cancellationToken)
    {
        var reply = await redis.EvaluateAsync(IdempotencyScripts.Complete, [RecordKey(scope, key)],
            [owner, response.Status, JsonSerializer.SerializeToUtf8Bytes(response.Headers), response.Body, response.Date, (long)options.Value.Retention.TotalMilliseconds],
            cancellationToken);
        return reply.AsInt64() == 1;
    }

    public async Task ReleaseAsync(string scope, string key, string owner, CancellationToken cancellationToken) =>
        await redis.EvaluateAsync(IdempotencyScripts.Release, [RecordKey(scope, key)], [owner], cancellationToken);

    private string RecordKey(string scope, string key) =>
        $"{redisOptions.Value.KeyPrefix}idem:{scope}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}";
}
