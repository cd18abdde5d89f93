namespace Platform.AppHost.Orchestration;

/// <summary>The last lines a resource printed, numbered so the dashboard can ask for what is new.</summary>
public sealed class LogBuffer(int capacity = 2000)
{
    private readonly Queue<LogLine> _lines = new();
    private readonly Lock _gate = new();
    private long _next = 1;

    public void Append(string text)
    {
        lock (_gate)
        {
            _lines.Enqueue(new LogLine(_next++, text));
            if (_lines.Count > capacity) _lines.Dequeue();
        }
    }

    /// <summary>Lines numbered above <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<LogLine> After(long after, int max = 1000)
    {
        lock (_gate) return [.. _lines.Where(l => l.Number > after).Take(max)];
    }

    public IReadOnlyList<string> Tail(int count)
    {
        lock (_gate) return [.. _lines.Skip(Math.Max(0, _lines.Count - count)).Select(l => l.Text)];
    }
}
