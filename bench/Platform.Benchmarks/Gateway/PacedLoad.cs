using System.Diagnostics;

namespace Platform.Benchmarks.Gateway;

/// <summary>
/// Open-loop load at a fixed rate: request i is due at i/rate, and its latency counts from when it
/// was due, so a stalled target cannot hide its stall by slowing the sender (wrk cannot pace).
/// How late the sender itself started requests is reported too: it shares the machine's cores with
/// the target, and its own lateness is part of every latency measured here.
/// </summary>
public static class PacedLoad
{
    public static Task<(double P50Milliseconds, double P99Milliseconds, int Failures, double SenderLateP99Milliseconds)> RunAsync(
        HttpClient client, string path, double perSecond, TimeSpan duration) =>
        RunAsync(client, _ => new HttpRequestMessage(HttpMethod.Get, path), perSecond, duration);

    /// <param name="request">Request <c>i</c> of the run (each must be a new message).</param>
    public static async Task<(double P50Milliseconds, double P99Milliseconds, int Failures, double SenderLateP99Milliseconds)> RunAsync(
        HttpClient client, Func<int, HttpRequestMessage> request, double perSecond, TimeSpan duration)
    {
        var total = (int)(perSecond * duration.TotalSeconds);
        var latencies = new double[total];
        var late = new double[total];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                late[index] = (clock.Elapsed - due).TotalMilliseconds;
                try
                {
                    using var message = request(index);
                    using var response = await client.SendAsync(message);
                    await response.Content.LoadIntoBufferAsync();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(inFlight);
        Array.Sort(latencies);
        Array.Sort(late);
        return (latencies[(int)(total * 0.50)], P99(latencies), failures, P99(late));
    }

    private static double P99(double[] sorted) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)];
}
