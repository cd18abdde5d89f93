using Platform.ServiceDefaults.Hosting;

namespace Platform.Tests.Unit;

/// <summary>
/// <see cref="InlineIo.LeavePollingThread"/>: a socket's polling thread is a thread of its own, not
/// a pool thread; work awaited off it must continue on the pool, and on the pool it must not hop.
/// </summary>
public sealed class InlineIoTests
{
    [Fact]
    public async Task From_a_thread_of_its_own_the_work_continues_on_the_thread_pool()
    {
        var observed = new TaskCompletionSource<(bool BeforePool, int Before, bool AfterPool, int After)>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task RunAsync()
        {
            var (beforePool, before) = (Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId);
            await InlineIo.LeavePollingThread();
            observed.SetResult((beforePool, before, Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId));
        }
        // Like the runtime's socket engine: a dedicated thread, which returns to its loop at the await.
        var polling = new Thread(() => _ = RunAsync()) { IsBackground = true, Name = "polling stand-in" };
        polling.Start();
        polling.Join();

        var (beforePool, before, afterPool, after) = await observed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(beforePool);
        Assert.Equal(polling.ManagedThreadId, before);
        Assert.True(afterPool);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task On_a_pool_thread_it_continues_at_once_on_the_same_thread()
    {
        var (beforePool, before, after) = await Task.Run(async () =>
        {
            var (pool, id) = (Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId);
            await InlineIo.LeavePollingThread();
            return (pool, id, Environment.CurrentManagedThreadId);
        }, TestContext.Current.CancellationToken);

        Assert.True(beforePool);
        Assert.Equal(before, after);
    }
}
