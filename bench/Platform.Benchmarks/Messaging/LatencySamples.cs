using System.Diagnostics;

namespace Platform.Benchmarks.Messaging;

/// <summary>Publish-to-consume latencies of one path, recorded lock-free from the consumers' threads.</summary>
public sealed class LatencySamples(int capacity)
{
    private readonly double[] _milliseconds = new double[capacity];
    private readonly long[] _arrivedAt = new long[capacity];
    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Completes when <c>capacity</c> samples have arrived.</summary>
    public Task All => _all.Task;

    public void Record(long sentTimestamp)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index >= _milliseconds.Length) return; // a redelivery beyond the expected count: counted, not stored
        var now = Stopwatch.GetTimestamp();
        _arrivedAt[index] = now;
        _milliseconds[index] = Stopwatch.GetElapsedTime(sentTimestamp, now).TotalMilliseconds;
        if (index == _milliseconds.Length - 1) _all.TrySetResult();
    }

    public double Percentile(double p)
    {
        var stored = Math.Min(Count, _milliseconds.Length);
        if (stored == 0) return double.NaN;
        var sorted = _milliseconds[..stored];
        Array.Sort(sorted);
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * stored) - 1, 0, stored - 1)];
    }

    /// <summary>The slowest sample: when it arrived (stopwatch timestamp) and how long it took.</summary>
    public (long ArrivedAt, double Milliseconds) Slowest()
    {
        var stored = Math.Min(Count, _milliseconds.Length);
        var worst = 0;
        for (var i = 1; i < stored; i++) if (_milliseconds[i] > _milliseconds[worst]) worst = i;
        return (_arrivedAt[worst], _milliseconds[worst]);
    }

    /// <summary>Waits for every sample, failing with how many arrived if they do not.</summary>
    public async Task WaitAsync(TimeSpan timeout, string path)
    {
        try
        {
            await All.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{path}: {Count} of {_milliseconds.Length} events consumed within {timeout.TotalSeconds:0} s");
        }
    }
}
