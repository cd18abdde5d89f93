namespace Platform.Benchmarks.Messaging;

/// <summary>Publishes with at most <c>window</c> confirms outstanding, the same way on every path.</summary>
public static class PublishWindow
{
    public static async Task RunAsync(int events, int window, Func<int, Task> publish)
    {
        var pending = new List<Task>(window);
        for (var i = 0; i < events; i++)
        {
            pending.Add(publish(i));
            if (pending.Count == window)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }
        await Task.WhenAll(pending);
    }
}
