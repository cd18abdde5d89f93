using System.Runtime.CompilerServices;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>
/// The awaitable of <see cref="InlineIo.LeavePollingThread"/>. Complete already on a thread-pool
/// thread; anywhere else (a socket polling thread, which is not a pool thread) the continuation is
/// queued to the pool, to the global queue, since the polling thread has no local one.
/// </summary>
public readonly struct PollingThreadExit : ICriticalNotifyCompletion
{
    public PollingThreadExit GetAwaiter() => this;

    public bool IsCompleted => Thread.CurrentThread.IsThreadPoolThread;

    public void GetResult() { }

    public void OnCompleted(Action continuation) =>
        ThreadPool.QueueUserWorkItem(static run => run(), continuation, preferLocal: false);

    public void UnsafeOnCompleted(Action continuation) =>
        ThreadPool.UnsafeQueueUserWorkItem(static run => run(), continuation, preferLocal: false);
}
