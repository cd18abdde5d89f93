using Microsoft.Extensions.Logging;
using Platform.AppHost.Hosting;
using Platform.LocalInfra;

namespace Platform.AppHost.Orchestration;

/// <summary>
/// A resource backed by a process the AppHost owns: launched, watched, and restarted with
/// exponential backoff when it crashes; the crash stays visible (state, last error, restart
/// count). A process that cannot get running a few times in a row is FailedToStart.
/// </summary>
public abstract partial class SupervisedRuntime(Resource resource, SupervisionOptions options, ILogger logger) : ResourceRuntime(resource), IAsyncDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _run;
    private Task _loop = Task.CompletedTask;
    private volatile Instance? _instance;
    private int _restarts;
    private int _launches;

    public override int? Pid => _instance?.Pid;

    public override int Restarts => _restarts;

    public override bool CanControl => true;

    /// <summary>Launches one process and waits until it is running (not necessarily healthy).</summary>
    protected abstract Task<Instance> LaunchAsync(CancellationToken cancellationToken);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_run is not null) return Task.CompletedTask;
            _run = new CancellationTokenSource();
            _loop = Task.Run(() => SuperviseAsync(started, _run.Token), CancellationToken.None);
        }
        return started.Task.WaitAsync(cancellationToken);
    }

    public override async Task StopAsync()
    {
        CancellationTokenSource? run;
        Task loop;
        lock (_gate)
        {
            run = _run;
            loop = _loop;
            _run = null;
        }
        if (run is null) return;
        await run.CancelAsync();
        await loop;
        run.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        GC.SuppressFinalize(this);
    }

    private async Task SuperviseAsync(TaskCompletionSource started, CancellationToken stopping)
    {
        var failuresInARow = 0;
        var backoff = options.InitialBackoff;
        while (!stopping.IsCancellationRequested)
        {
            State = ResourceState.Starting;
            Health = ResourceHealth.Unknown;
            Instance instance;
            try
            {
                instance = await LaunchAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is InfraException or InvalidOperationException or IOException)
            {
                LastError = ex.Message;
                Logs.Append($"[apphost] failed to start: {ex.Message}");
                LogLaunchFailed(logger, Name, ex.Message);
                if (++failuresInARow >= options.MaxFailedStarts)
                {
                    State = ResourceState.FailedToStart;
                    started.TrySetException(new InfraException(Name, $"failed to start {failuresInARow} times; last error: {ex.Message}"));
                    lock (_gate) _run = null;
                    return;
                }
                State = ResourceState.Exited;
                if (!await DelayAsync(backoff, stopping)) break;
                backoff = Next(backoff);
                continue;
            }

            if (Interlocked.Increment(ref _launches) > 1) Interlocked.Increment(ref _restarts);
            _instance = instance;
            State = ResourceState.Running;
            StartedAt = DateTimeOffset.UtcNow;
            failuresInARow = 0;
            started.TrySetResult();

            try
            {
                await instance.WaitForExitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                await instance.StopAsync();
                break;
            }

            // It exited on its own: a crash. Keep the evidence, then come back after a pause that
            // grows while it keeps crashing and resets once it has stayed up for a while.
            var uptime = DateTimeOffset.UtcNow - StartedAt.Value;
            LastError = $"exited with code {instance.ExitCode} at {DateTimeOffset.UtcNow:HH:mm:ss} after {uptime.TotalSeconds:0.0} s";
            Logs.Append($"[apphost] {LastError}");
            LogCrashed(logger, Name, instance.ExitCode, backoff.TotalSeconds);
            State = ResourceState.Exited;
            Health = ResourceHealth.Unknown;
            if (uptime > options.StableAfter) backoff = options.InitialBackoff;
            if (!await DelayAsync(backoff, stopping)) break;
            backoff = Next(backoff);
        }
        _instance = null;
        State = ResourceState.Stopped;
        Health = ResourceHealth.Unknown;
        started.TrySetCanceled(CancellationToken.None);
    }

    private TimeSpan Next(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Resource} failed to start: {Reason}")]
    private static partial void LogLaunchFailed(ILogger logger, string resource, string reason);

    [LoggerMessage(LogLevel.Warning, "{Resource} exited with code {ExitCode}; restarting in {Delay} s")]
    private static partial void LogCrashed(ILogger logger, string resource, int? exitCode, double delay);
}
