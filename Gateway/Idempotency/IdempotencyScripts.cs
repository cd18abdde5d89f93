using Platform.ServiceDefaults.RedisClient;

namespace Platform.Gateway.Idempotency;

/// <summary>The key's record is one Redis hash: state, fingerprint, owner while in flight; status, headers, body and date once completed.</summary>
internal static class IdempotencyScripts
{
    /// <summary>
    /// KEYS: the record. ARGV: fingerprint, owner, lease ms.
    /// Returns {"new"} when this request now holds the key, {"conflict"} while another holds it,
    /// {"mismatch"} when the key was used for another request, or
    /// {"replay", status, headers, body, date} for a completed one.
    /// </summary>
    public static readonly RedisScript Begin = new("""
        local record = redis.call('HMGET', KEYS[1], 'state', 'fingerprint', 'status', 'headers', 'body', 'date')
        if not record[1] then
          redis.call('HSET', KEYS[1], 'state', 'in-flight', 'fingerprint', ARGV[1], 'owner', ARGV[2])
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          return { 'new' }
        end
        if record[2] ~= ARGV[1] then return { 'mismatch' } end
        if record[1] == 'in-flight' then return { 'conflict' } end
        return { 'replay', record[3], record[4], record[5], record[6] }
        """);

    /// <summary>KEYS: the record. ARGV: owner, status, headers, body, date, retention ms. Stores the response if the key is still this request's.</summary>
    public static readonly RedisScript Complete = new("""
        if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'state', 'completed', 'status', ARGV[2], 'headers', ARGV[3], 'body', ARGV[4], 'date', ARGV[5])
        redis.call('HDEL', KEYS[1], 'owner')
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        return 1
        """);

    /// <summary>KEYS: the record. ARGV: owner. Frees the key (a 5xx or an aborted request) if it is still this request's.</summary>
    public static readonly RedisScript Release = new("""
        if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1])
        return 1
        """);
}
