using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Platform.ServiceDefaults.Logging.BatchedConsole;

/// <summary>
/// Takes finished log lines from any thread and writes them to one stream from one background
/// thread, as many lines per write as have queued up. Stands in for the console logger's queue
/// processor, which takes a lock and wakes its writer thread for every line: under load (the
/// gateway logs every request) request threads queued on that lock (measured: the largest
/// contention in the gateway's profile). Here a line costs a lock-free enqueue, and the writer is
/// woken only when it has gone to sleep on an empty queue.
/// A writer that cannot keep up must not stall the threads that log: past
/// <see cref="MaxPendingLines"/> lines are dropped, counted, and reported in one line once the
/// writer catches up.
/// </summary>
internal sealed class ConsoleLineWriter : IDisposable
{
    private const int FlushBytes = 64 * 1024;

    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Stream _output;
    private readonly Thread _thread;
    private readonly byte[] _buffer = new byte[FlushBytes];
    private int _buffered;
    private int _pending;
    private long _dropped;
    private int _sleeping;
    private volatile bool _stopping;
    private bool _broken;

    public ConsoleLineWriter(Stream output, int maxPendingLines = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPendingLines, 1);
        _output = output;
        MaxPendingLines = maxPendingLines;
        _thread = new Thread(Run) { IsBackground = true, Name = "console-log-writer" };
        _thread.Start();
    }

    public int MaxPendingLines { get; }

    /// <summary>Lines dropped so far because the writer was <see cref="MaxPendingLines"/> behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues one line; it must end with its own line break.</summary>
    public void Write(string line)
    {
        if (_stopping) return;
        if (Interlocked.Increment(ref _pending) > MaxPendingLines)
        {
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref _dropped);
            return;
        }
        _lines.Enqueue(line);
        // The enqueue above is a full fence, so this read cannot miss a writer that has just
        // announced it is going to sleep (it checks the queue again after announcing).
        if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1) _wake.Set();
    }

    private void Run()
    {
        long reported = 0;
        while (true)
        {
            var wrote = false;
            while (_lines.TryDequeue(out var line))
            {
                Interlocked.Decrement(ref _pending);
                Append(line);
                wrote = true;
            }
            var dropped = Interlocked.Read(ref _dropped);
            if (dropped != reported)
            {
                Append(string.Create(CultureInfo.InvariantCulture,
                    $"{{\"LogLevel\":\"Warning\",\"Category\":\"{typeof(ConsoleLineWriter).FullName}\",\"Message\":\"{dropped - reported} log lines dropped: the console could not keep up\"}}{Environment.NewLine}"));
                reported = dropped;
                wrote = true;
            }
            if (wrote) Flush();

            if (_stopping && _lines.IsEmpty) return;
            _wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if (!_lines.IsEmpty || _stopping)
            {
                // A line arrived between the drain and the announcement: take it now. If a logger
                // already claimed the wake-up, the event is set and the next wait returns at once.
                Interlocked.Exchange(ref _sleeping, 0);
                continue;
            }
            _wake.Wait();
        }
    }

    private void Append(string line)
    {
        var bytes = Encoding.UTF8.GetMaxByteCount(line.Length);
        if (bytes > _buffer.Length - _buffered) Flush();
        if (bytes > _buffer.Length)
        {
            WriteOut(Encoding.UTF8.GetBytes(line));
            return;
        }
        _buffered += Encoding.UTF8.GetBytes(line, _buffer.AsSpan(_buffered));
    }

    private void Flush()
    {
        if (_buffered == 0) return;
        WriteOut(_buffer.AsSpan(0, _buffered));
        _buffered = 0;
    }

    private void WriteOut(ReadOnlySpan<byte> bytes)
    {
        if (_broken) return;
        try
        {
            _output.Write(bytes);
            _output.Flush();
        }
        catch (IOException)
        {
            // The reader of our stdout went away: nothing left to log to, and logging must never
            // throw into the code that logs.
            _broken = true;
        }
        catch (ObjectDisposedException)
        {
            _broken = true;
        }
    }

    /// <summary>Writes what is queued, then stops (waiting at most <paramref name="timeout"/>).</summary>
    public void Stop(TimeSpan timeout)
    {
        _stopping = true;
        _wake.Set();
        _thread.Join(timeout);
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(5));
        _wake.Dispose();
    }
}
