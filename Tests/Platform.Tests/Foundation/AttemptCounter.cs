using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.Tests.Foundation;

/// <summary>Counts a consumer's attempts and when each happened (ms since the counter was made).</summary>
public sealed class AttemptCounter
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<long> _at = new();

    public int Count => _at.Count;

    public IReadOnlyList<long> AtMilliseconds => _at.ToArray();

    public void Increment() => _at.Enqueue(_clock.ElapsedMilliseconds);
}
