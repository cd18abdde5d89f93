namespace Platform.Tests.Foundation;

public sealed class AttemptCounter
{
    private int _count;

    public int Count => _count;

    public void Increment() => Interlocked.Increment(ref _count);
}
