using System.Diagnostics;
using System.Globalization;

namespace Platform.Benchmarks.Gateway;

/// <summary>
/// When the host's memory scanner ran during a paced run. This VM runs a DAMON kernel thread
/// (<c>kdamond</c>, set up by the host to page out page cache no process maps once it has gone
/// cold; its cost is the sampling, not what it pages out) that wakes every ~0.54 s and holds a
/// core for 10–22 ms, every process here sharing the other. The slowest
/// requests of a run recur at that period, and runs alternately with the scanner stopped had half
/// its p99 (2026-12-03, bench/RESULTS.md). So a run watches the scanner's CPU time
/// (<c>/proc/PID/schedstat</c>, in nanoseconds) every few milliseconds and reports, beside the
/// p99 of every request, the p99 of the requests no scan overlapped: the platform's own tail.
/// A machine without the scanner reports nothing.
/// </summary>
internal sealed class HostMemoryScans : IDisposable
{
    // Scans last 10 ms or more; a coarser look would blur their edges, a finer one would wake the
    // benchmark's own thread more often than the requests it measures do.
    private static readonly long SamplePeriod = Stopwatch.Frequency * 4 / 1000;

    private readonly string[] _schedstats;
    private readonly List<(long Start, long End)> _scans = [];
    private readonly Thread _sampler;
    private readonly long _started = Stopwatch.GetTimestamp();
    private volatile bool _stopping;
    private long _runNanoseconds;
    private long _stopped;

    private HostMemoryScans(string[] schedstats)
    {
        _schedstats = schedstats;
        _sampler = new Thread(Sample) { IsBackground = true, Name = "memory scan watcher" };
        _sampler.Start();
    }

    /// <summary>Starts watching every <c>kdamond</c> thread; null on a machine without one.</summary>
    public static HostMemoryScans? Start()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var schedstats = new List<string>();
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), out _)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(process, "comm")).StartsWith("kdamond", StringComparison.Ordinal))
                    schedstats.Add(Path.Combine(process, "schedstat"));
            }
            catch (IOException)
            {
                // The process ended while the directory was listed.
            }
        }
        return schedstats.Count == 0 ? null : new HostMemoryScans([.. schedstats]);
    }

    /// <summary>The scanners' CPU time over the watch, as a percentage of one CPU.</summary>
    public double CpuPercent => 100.0 * Interlocked.Read(ref _runNanoseconds) / Stopwatch.GetElapsedTime(_started, _stopped == 0 ? Stopwatch.GetTimestamp() : _stopped).TotalNanoseconds;

    /// <summary>Whether a scan ran at any time between two <see cref="Stopwatch"/> timestamps.</summary>
    public bool Overlaps(long from, long to)
    {
        lock (_scans) return _scans.Exists(s => s.Start <= to && s.End >= from);
    }

    private void Sample()
    {
        var last = RunNanoseconds();
        var lastAt = Stopwatch.GetTimestamp();
        while (!_stopping)
        {
            PreciseSleep.Until(lastAt + SamplePeriod);
            var run = RunNanoseconds();
            var at = Stopwatch.GetTimestamp();
            if (run > last)
            {
                Interlocked.Add(ref _runNanoseconds, run - last);
                // It ran somewhere since the last look: the whole interval counts, joined to the
                // scan before it when that one ran up to the last look.
                lock (_scans)
                {
                    if (_scans.Count > 0 && _scans[^1].End == lastAt) _scans[^1] = (_scans[^1].Start, at);
                    else _scans.Add((lastAt, at));
                }
            }
            (last, lastAt) = (run, at);
        }
    }

    private long RunNanoseconds()
    {
        long total = 0;
        foreach (var path in _schedstats)
        {
            try
            {
                // The first field is the time the thread has run, in nanoseconds.
                var text = File.ReadAllText(path);
                total += long.Parse(text.AsSpan(0, text.IndexOf(' ')), CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The host stopped the scanner: it runs no more.
            }
        }
        return total;
    }

    public void Dispose()
    {
        if (_stopped != 0) return;
        _stopping = true;
        _sampler.Join();
        _stopped = Stopwatch.GetTimestamp();
    }
}
