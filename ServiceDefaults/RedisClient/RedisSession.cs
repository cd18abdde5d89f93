using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Platform.ServiceDefaults.RedisClient;

/// <summary>
/// One TCP connection: each command's bytes and its reply slot are queued together, in one
/// order, so any number of callers pipeline over it. A single writer sends whatever has queued
/// up in one write (under load, many commands per system call and per Redis read); a single
/// reader completes the slots as replies arrive: the last reply of each read on its own thread,
/// the ones before it through the thread pool. A caller's code after its await may so run on the
/// reader until its next await, and must not block there waiting for another reply. Any failure
/// faults the session and every waiting command with it.
/// </summary>
internal sealed class RedisSession : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private const int MaxWriteBytes = 64 * 1024;
    private readonly Lock _enqueueLock = new();
    // An idle writer is resumed on the caller's thread (synchronous continuation), so a command
    // sent while nothing else is being written goes out at once, without waiting for a thread-pool
    // thread to pick the writer up; under load the writer stays busy and sends what has queued.
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly ConcurrentQueue<TaskCompletionSource<RespValue>> _waiting = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _reader;
    private readonly Task _writer;
    private Exception? _fault;

    private RedisSession(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = Task.Run(ReadLoopAsync);
        _writer = Task.Run(WriteLoopAsync);
    }

    public bool IsFaulted => Volatile.Read(ref _fault) is not null;

    public static async Task<RedisSession> OpenAsync(RedisEndpoint endpoint, CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(endpoint.ConnectTimeout);
            await client.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new RedisConnectionException($"Redis at {endpoint} is unreachable: {ex.Message}", ex);
        }
        var session = new RedisSession(client);
        if (endpoint.Password is { } password)
        {
            byte[][] auth = endpoint.User is { } user ? [.. new[] { "AUTH", user, password }.Select(RedisArgs.Utf8)] : [.. new[] { "AUTH", password }.Select(RedisArgs.Utf8)];
            var reply = await session.SendAsync(auth, endpoint.CommandTimeout, cancellationToken);
            if (reply.Type == RespType.Error)
            {
                await session.DisposeAsync();
                // The server's reply, never the password.
                throw new RedisConnectionException($"Redis at {endpoint} refused the credentials: {reply.Text}", credentialsRefused: true);
            }
        }
        return session;
    }

    public async Task<RespValue> SendAsync(IReadOnlyList<byte[]> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Continuations are not forced onto the pool: the reader runs the last reply of each read inline (ReadLoopAsync).
        var reply = new TaskCompletionSource<RespValue>();
        var command = RespProtocol.Command(arguments);
        // The slot and the bytes enter their queues in one order, or replies would be matched to the wrong commands.
        lock (_enqueueLock)
        {
            if (_fault is { } fault) throw new RedisConnectionException("The Redis connection is broken.", fault);
            _waiting.Enqueue(reply);
            if (!_outgoing.Writer.TryWrite(command)) throw new RedisConnectionException("The Redis connection is closing.");
        }
        try
        {
            // A reply that comes after the timeout still completes this slot, in order, and is dropped.
            return await reply.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new RedisTimeoutException($"No reply from Redis within {timeout.TotalMilliseconds:0} ms.");
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new ArrayBufferWriter<byte>(4096);
        var commands = _outgoing.Reader;
        try
        {
            while (await commands.WaitToReadAsync(_closing.Token))
            {
                batch.ResetWrittenCount();
                while (batch.WrittenCount < MaxWriteBytes && commands.TryRead(out var command)) batch.Write(command);
                await _stream.WriteAsync(batch.WrittenMemory, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Fault(ex);
        }
    }

    private async Task ReadLoopAsync()
    {
        var pipe = PipeReader.Create(_stream);
        try
        {
            while (true)
            {
                var read = await pipe.ReadAsync(_closing.Token);
                var reader = new SequenceReader<byte>(read.Buffer);
                TaskCompletionSource<RespValue>? last = null;
                RespValue lastValue = null!;
                try
                {
                    while (RespProtocol.TryRead(ref reader, out var value))
                    {
                        if (!_waiting.TryDequeue(out var waiting)) throw new RespProtocolException("A reply arrived that no command was waiting for.");
                        if (last is not null) ThreadPool.UnsafeQueueUserWorkItem(static r => r.Slot.TrySetResult(r.Value), (Slot: last, Value: lastValue), preferLocal: false);
                        (last, lastValue) = (waiting, value);
                    }
                    pipe.AdvanceTo(reader.Position, read.Buffer.End);
                }
                finally
                {
                    // The last reply read goes on on this thread, up to its caller's next await: nothing
                    // read waits behind it, and a pool hop per reply was ~3 thread wake-ups per gateway
                    // request at low load. Replies that had one behind them went to the pool above, so
                    // under load one caller's work never holds up the replies already here. Its slot is
                    // out of the waiting queue already, so a broken reply after it must not skip it:
                    // faulting the session fails only the slots still queued.
                    last?.TrySetResult(lastValue);
                }
                if (read.IsCompleted) throw new RedisConnectionException("Redis closed the connection.");
            }
        }
        catch (Exception ex)
        {
            Fault(ex);
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }

    private void Fault(Exception cause)
    {
        lock (_enqueueLock)
        {
            if (Interlocked.CompareExchange(ref _fault, cause, null) is not null) return;
            _outgoing.Writer.TryComplete();
        }
        var error = cause as RedisConnectionException ?? new RedisConnectionException("The Redis connection broke.", cause);
        while (_waiting.TryDequeue(out var waiting)) waiting.TrySetException(error);
        _client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Fault(new ObjectDisposedException(nameof(RedisSession)));
        await _closing.CancelAsync();
        try
        {
            await Task.WhenAll(_reader, _writer);
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
        _closing.Dispose();
    }
}
