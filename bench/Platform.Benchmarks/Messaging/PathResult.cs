namespace Platform.Benchmarks.Messaging;

/// <summary>One path's run: how many events, how long from the first publish to the last consume, latencies.</summary>
public sealed record PathResult(string Path, int Events, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public static PathResult From(string path, int events, TimeSpan elapsed, LatencySamples samples) =>
        new(path, events, elapsed, samples.Percentile(50), samples.Percentile(99));
}
