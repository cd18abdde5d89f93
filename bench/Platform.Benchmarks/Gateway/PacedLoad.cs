using System.Diagnostics;

namespace Platform.Benchmarks.Gateway;

/// <summary>
/// Open-loop load at a fixed rate: request i is due at i/rate, and its latency counts from when it
/// was due, so a stalled target cannot hide its stall by slowing the sender (wrk cannot pace).
/// A thread of its own sends each request on time (<see cref="PreciseSleep"/>) and starts it
/// itself, with no timer or thread-pool hop in between; only the answers are awaited on the pool.
/// How late the sender still started requests is reported too: it shares the machine's cores
/// with the target, and its own lateness is part of every latency measured here. So is the
/// host's steal, second by second (<see cref="HostSteal"/>), and which requests the host's memory
/// scanner overlapped (<see cref="HostMemoryScans"/>).
/// </summary>
public static class PacedLoad
{
    /// <summary>A second with less steal than this counts as quiet.</summary>
    public const double QuietStealPercent = 5;

    public static Task<PacedResult> RunAsync(HttpClient client, string path, double perSecond, TimeSpan duration) =>
        RunAsync(client, _ => new HttpRequestMessage(HttpMethod.Get, path), perSecond, duration);

    /// <param name="request">Request <c>i</c> of the run (each must be a new message).</param>
    public static async Task<PacedResult> RunAsync(HttpClient client, Func<int, HttpRequestMessage> request, double perSecond, TimeSpan duration)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var run = new Run(total);
        var seconds = Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds));
        var steal = new (long Steal, long Total)?[seconds + 1];
        using var stopSampling = new CancellationTokenSource();
        using var scans = HostMemoryScans.Start();
        var sent = new TaskCompletionSource<Task[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new Thread(() =>
        {
            try
            {
                var tasks = new Task[total];
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < total; i++)
                {
                    var due = start + (long)(i * (Stopwatch.Frequency / perSecond));
                    PreciseSleep.Until(due);
                    run.Late[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                    run.Due[i] = due;
                    tasks[i] = SendAsync(client, request(i), due, run, i);
                }
                sent.SetResult(tasks);
            }
            catch (Exception ex)
            {
                sent.SetException(ex);
            }
        })
        { IsBackground = true, Name = "paced sender" };
        steal[0] = HostSteal.Read();
        sender.Start();
        var sampling = SampleStealAsync(steal, stopSampling.Token);
        await Task.WhenAll(await sent.Task);
        await stopSampling.CancelAsync();
        await sampling;
        scans?.Dispose();

        // Second k's steal covers the requests due in [k, k + 1) s. A second missing a reading
        // (the run ended before its tick, or there is no /proc/stat) is not counted as quiet.
        var quiet = new List<double>(total);
        var quietSeconds = 0;
        for (var k = 0; k < seconds; k++)
        {
            if (steal[k] is null || steal[k + 1] is null || HostSteal.Percent(steal[k], steal[k + 1]) >= QuietStealPercent) continue;
            quietSeconds++;
            var first = (int)Math.Min(total, k * perSecond);
            var last = (int)Math.Min(total, (k + 1) * perSecond);
            quiet.AddRange(run.Latencies[first..last]);
        }
        var stealPercent = HostSteal.Percent(steal[0], HostSteal.Read());
        (int Scanned, double P99)? unscanned = scans is null ? null : UnscannedP99(run, scans);
        Array.Sort(run.Latencies);
        Array.Sort(run.Late);
        return new PacedResult(run.Latencies[(int)(total * 0.50)], P99(run.Latencies), run.Failures, P99(run.Late),
            stealPercent, seconds, quietSeconds, P99OrNaN(quiet),
            scans?.CpuPercent, unscanned?.Scanned ?? 0, unscanned?.P99 ?? double.NaN);
    }

    /// <summary>The p99 of the requests that no memory scan overlapped from when they were due to their answer.</summary>
    private static (int Scanned, double P99) UnscannedP99(Run run, HostMemoryScans scans)
    {
        var clear = new List<double>(run.Latencies.Length);
        for (var i = 0; i < run.Latencies.Length; i++)
        {
            var end = run.Due[i] + (long)(run.Latencies[i] * Stopwatch.Frequency / 1000);
            if (!scans.Overlaps(run.Due[i], end)) clear.Add(run.Latencies[i]);
        }
        return (run.Latencies.Length - clear.Count, P99OrNaN(clear));
    }

    /// <summary>The p99 of some of a run's latencies, in any order; NaN when there are none.</summary>
    private static double P99OrNaN(List<double> latencies)
    {
        if (latencies.Count == 0) return double.NaN;
        latencies.Sort();
        return P99(latencies);
    }

    private static async Task SampleStealAsync((long Steal, long Total)?[] steal, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            for (var k = 1; k < steal.Length && await timer.WaitForNextTickAsync(stop); k++) steal[k] = HostSteal.Read();
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    // Runs on the sender thread up to its first wait, then on the pool.
    private static async Task SendAsync(HttpClient client, HttpRequestMessage message, long due, Run run, int index)
    {
        try
        {
            using (message)
            {
                using var response = await client.SendAsync(message);
                await response.Content.LoadIntoBufferAsync();
                if (!response.IsSuccessStatusCode) run.Fail();
            }
        }
        catch (HttpRequestException)
        {
            run.Fail();
        }
        run.Latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
    }

    private sealed class Run(int total)
    {
        private int _failures;
        public double[] Latencies { get; } = new double[total];
        public double[] Late { get; } = new double[total];
        public long[] Due { get; } = new long[total];
        public int Failures => Volatile.Read(ref _failures);
        public void Fail() => Interlocked.Increment(ref _failures);
    }

    private static double P99(IReadOnlyList<double> sorted) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.99) - 1)];
}
