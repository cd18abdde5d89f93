namespace Platform.ServiceDefaults.RedisClient;

/// <summary>
/// The small Redis client the platform needs, standing in for StackExchange.Redis (not
/// restorable here): one multiplexed connection that any number of callers pipeline over,
/// command timeouts, reconnect with exponential backoff (failing fast in between, so a dead
/// Redis costs callers microseconds, not a connect timeout each), <c>EVALSHA</c> with a
/// <c>NOSCRIPT</c> fallback, and the handful of commands the platform uses.
/// </summary>
public sealed class RedisClient(RedisEndpoint endpoint, RedisClientOptions? options = null) : IAsyncDisposable
{
    private readonly RedisClientOptions _options = options ?? new RedisClientOptions();
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private RedisSession? _session;
    private DateTimeOffset _nextAttempt = DateTimeOffset.MinValue;
    private TimeSpan _backoff = TimeSpan.Zero;
    private Exception? _lastFailure;

    public RedisEndpoint Endpoint { get; } = endpoint;

    /// <summary>Sends any command; an error reply throws <see cref="RedisServerException"/>.</summary>
    public async Task<RespValue> ExecuteAsync(IReadOnlyList<byte[]> arguments, CancellationToken cancellationToken = default)
    {
        var reply = await ExecuteRawAsync(arguments, cancellationToken);
        return reply.Type == RespType.Error ? throw new RedisServerException(reply.Text!) : reply;
    }

    // The cast picks the overload above: a byte[][] is an object[] too, and called that way this one called itself.
    public Task<RespValue> ExecuteAsync(params object[] arguments) => ExecuteAsync((IReadOnlyList<byte[]>)RedisArgs.Of(arguments));

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(RedisArgs.Of("PING"), cancellationToken)).AsString() == "PONG";

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(RedisArgs.Of("GET", key), cancellationToken)).Bulk;

    /// <summary>SET with an optional expiry; with <paramref name="onlyIfAbsent"/> (NX) false means the key existed.</summary>
    public async Task<bool> SetAsync(string key, byte[] value, TimeSpan? expiry = null, bool onlyIfAbsent = false, CancellationToken cancellationToken = default)
    {
        var arguments = new List<object> { "SET", key, value };
        if (expiry is { } ttl) arguments.AddRange(["PX", (long)Math.Max(1, ttl.TotalMilliseconds)]);
        if (onlyIfAbsent) arguments.Add("NX");
        return !(await ExecuteAsync(RedisArgs.Of([.. arguments]), cancellationToken)).IsNull;
    }

    public async Task<long> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(RedisArgs.Of("DEL", key), cancellationToken)).AsInt64();

    public async Task<long> IncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(RedisArgs.Of("INCRBY", key, by), cancellationToken)).AsInt64();

    public async Task<bool> ExpireAsync(string key, TimeSpan expiry, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(RedisArgs.Of("PEXPIRE", key, (long)Math.Max(1, expiry.TotalMilliseconds)), cancellationToken)).AsInt64() == 1;

    /// <summary>Milliseconds to live; -1 without expiry, -2 when the key does not exist.</summary>
    public async Task<long> TimeToLiveAsync(string key, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(RedisArgs.Of("PTTL", key), cancellationToken)).AsInt64();

    /// <summary>
    /// Runs <paramref name="script"/> by its hash; a server that does not have it cached (restart,
    /// SCRIPT FLUSH, failover) answers NOSCRIPT and gets the source once with EVAL, which caches it.
    /// </summary>
    public async Task<RespValue> EvaluateAsync(RedisScript script, IReadOnlyList<string> keys, IReadOnlyList<object> arguments, CancellationToken cancellationToken = default)
    {
        object[] tail = [keys.Count, .. keys, .. arguments];
        var reply = await ExecuteRawAsync(RedisArgs.Of(["EVALSHA", script.Sha1, .. tail]), cancellationToken);
        if (reply.Type == RespType.Error && reply.Text!.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _scriptFallbacks);
            reply = await ExecuteRawAsync(RedisArgs.Of(["EVAL", script.Source, .. tail]), cancellationToken);
        }
        return reply.Type == RespType.Error ? throw new RedisServerException(reply.Text!) : reply;
    }

    private long _scriptFallbacks;

    /// <summary>How many times a script had to be sent in full (for metrics and tests).</summary>
    public long ScriptFallbacks => Interlocked.Read(ref _scriptFallbacks);

    private async Task<RespValue> ExecuteRawAsync(IReadOnlyList<byte[]> arguments, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(cancellationToken);
        return await session.SendAsync(arguments, Endpoint.CommandTimeout, cancellationToken);
    }

    private async Task<RedisSession> SessionAsync(CancellationToken cancellationToken)
    {
        if (_session is { IsFaulted: false } current) return current;
        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_session is { IsFaulted: false } again) return again;
            if (DateTimeOffset.UtcNow < _nextAttempt)
                throw new RedisConnectionException($"Redis at {Endpoint} is unavailable; next attempt in {(_nextAttempt - DateTimeOffset.UtcNow).TotalMilliseconds:0} ms.", _lastFailure);
            if (_session is { } broken) await broken.DisposeAsync();
            _session = null;
            try
            {
                _session = await RedisSession.OpenAsync(Endpoint, cancellationToken);
                _backoff = TimeSpan.Zero;
                return _session;
            }
            catch (RedisConnectionException ex)
            {
                _lastFailure = ex;
                _backoff = _backoff == TimeSpan.Zero ? _options.InitialReconnectDelay : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                _nextAttempt = DateTimeOffset.UtcNow + _backoff;
                throw;
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is { } session) await session.DisposeAsync();
        _connectLock.Dispose();
    }
}
