using System.Diagnostics;
using System.Globalization;

namespace Platform.Benchmarks.Messaging;

/// <summary>
/// Samples the runtime every 20 ms during a latency run, so a latency spike can be told apart:
/// thread-pool starvation shows as queued work with the thread count creeping up, a blocking
/// garbage collection as a gen-2 count change with a long pause.
/// </summary>
public sealed class RuntimeProbe : IAsyncDisposable
{
    private readonly List<Sample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private readonly record struct Sample(long Timestamp, int Threads, long Pending, int Gen2, TimeSpan Paused);

    public RuntimeProbe() => _loop = Task.Factory.StartNew(Loop, TaskCreationOptions.LongRunning);

    private void Loop()
    {
        // Its own thread: a starved pool must not starve the probe too.
        while (!_stop.IsCancellationRequested)
        {
            lock (_samples)
                _samples.Add(new Sample(Stopwatch.GetTimestamp(), ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount, GC.CollectionCount(2), GC.GetTotalPauseDuration()));
            Thread.Sleep(20);
        }
    }

    /// <summary>What the runtime did between <paramref name="from"/> and <paramref name="to"/> (stopwatch timestamps).</summary>
    public string Describe(long from, long to)
    {
        Sample[] window;
        lock (_samples) window = [.. _samples.Where(s => s.Timestamp >= from && s.Timestamp <= to)];
        if (window.Length < 2) return "no runtime samples in that window";
        var (first, last) = (window[0], window[^1]);
        return string.Create(CultureInfo.InvariantCulture,
            $"thread pool {first.Threads} -> {last.Threads} threads, up to {window.Max(s => s.Pending)} queued items; {last.Gen2 - first.Gen2} gen-2 GCs, {(last.Paused - first.Paused).TotalMilliseconds:0} ms paused for GC");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
