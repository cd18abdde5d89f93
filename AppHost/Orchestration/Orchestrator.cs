using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Platform.AppHost.Hosting;
using Platform.LocalInfra;

namespace Platform.AppHost.Orchestration;

/// <summary>
/// Runs the topology: every resource starts once what it waits for is healthy, health is probed
/// continuously, and everything stops in reverse dependency order.
/// </summary>
public sealed partial class Orchestrator : IAsyncDisposable
{
    private readonly List<ResourceRuntime> _runtimes;
    private readonly Dictionary<Resource, ResourceRuntime> _byResource;
    private readonly AppHostOptions _options;
    private readonly ILogger _logger;
    private readonly IProgress<string> _progress;
    private readonly CancellationTokenSource _probing = new();
    private readonly CancellationTokenSource _lifetime = new();
    private Task _probeLoop = Task.CompletedTask;
    private List<Task> _starts = [];
    private int _disposed;

    public Orchestrator(IReadOnlyList<ResourceRuntime> runtimes, AppHostOptions options, ILogger logger, IProgress<string> progress)
    {
        _runtimes = [.. runtimes];
        _byResource = _runtimes.ToDictionary(r => r.Resource);
        _options = options;
        _logger = logger;
        _progress = progress;
    }

    public IReadOnlyList<ResourceRuntime> Runtimes => _runtimes;

    public ResourceRuntime? Find(string name) => _runtimes.FirstOrDefault(r => r.Name == name);

    /// <summary>Starts everything and waits until all is healthy, or throws naming what is not.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _probeLoop = Task.Run(() => ProbeLoopAsync(_probing.Token), CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        deadline.CancelAfter(_options.StartupTimeout);
        var clock = Stopwatch.StartNew();
        _starts = [.. _runtimes.Select(runtime => StartWhenReadyAsync(runtime, clock, deadline.Token))];
        try
        {
            await Task.WhenAll(_starts);
            await WaitUntilAsync(() => _runtimes.All(r => r.Health == ResourceHealth.Healthy), deadline.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InfraException && !cancellationToken.IsCancellationRequested)
        {
            var explanation = Explain(ex);
            // No resource may start after this point: the caller disposes next.
            await deadline.CancelAsync();
            throw new InfraException("apphost", explanation);
        }
    }

    private async Task StartWhenReadyAsync(ResourceRuntime runtime, Stopwatch clock, CancellationToken cancellationToken)
    {
        var dependencies = runtime.Resource.WaitsFor.Select(d => _byResource[d]).ToList();
        if (dependencies.Count > 0)
        {
            if (runtime is SupervisedRuntime) _progress.Report($"{runtime.Name}: waiting for {string.Join(", ", dependencies.Select(d => d.Name))}");
            await WaitUntilAsync(() =>
            {
                var failed = dependencies.FirstOrDefault(d => d.State == ResourceState.FailedToStart);
                return failed is not null
                    ? throw new InfraException(runtime.Name, $"cannot start: {failed.Name} failed to start")
                    : dependencies.All(d => d.Health == ResourceHealth.Healthy);
            }, cancellationToken);
        }
        // Databases and external servers have nothing to launch: only their health is news.
        var launches = runtime is SupervisedRuntime;
        if (launches) _progress.Report($"{runtime.Name}: starting");
        await runtime.StartAsync(cancellationToken);
        runtime.Health = await runtime.ProbeAsync(cancellationToken);
        if (launches) _progress.Report($"{runtime.Name}: running (pid {runtime.Pid}) at {clock.Elapsed.TotalSeconds:0.0} s");
        await WaitUntilAsync(() => runtime.Health == ResourceHealth.Healthy, cancellationToken);
        _progress.Report($"{runtime.Name}: healthy at {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private string Explain(Exception error)
    {
        var pending = _runtimes.Where(r => r.Health != ResourceHealth.Healthy).ToList();
        var lines = pending.Select(r => $"  {r.Name}: {r.State}, {r.Health}{(r.LastError is { } e ? $" - {e}" : "")}");
        var reason = error is InfraException infra ? infra.Message : $"not all resources were healthy within {_options.StartupTimeout.TotalSeconds:0} s";
        return $"startup failed: {reason}{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }

    private async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition()) await Task.Delay(_options.PollInterval, cancellationToken);
    }

    private async Task ProbeLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            await Task.WhenAll(_runtimes.Select(async runtime =>
            {
                var before = runtime.Health;
                runtime.Health = await runtime.ProbeAsync(stopping);
                if (before == ResourceHealth.Healthy && runtime.Health != ResourceHealth.Healthy)
                    LogUnhealthy(_logger, runtime.Name, runtime.State, runtime.Health);
            }));
            try
            {
                await Task.Delay(_options.HealthInterval, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Dependents first: the gateway, then services, then databases and servers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _lifetime.CancelAsync();
        try
        {
            await Task.WhenAll(_starts);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InfraException)
        {
            // Startup was cut short; what did start is stopped below.
        }
        await _probing.CancelAsync();
        try
        {
            await _probeLoop;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        foreach (var level in _runtimes.GroupBy(Depth).OrderByDescending(g => g.Key))
        {
            _progress.Report($"stopping {string.Join(", ", level.Select(r => r.Name))}");
            await Task.WhenAll(level.Select(r => r.StopAsync()));
        }
        _probing.Dispose();
        _lifetime.Dispose();
    }

    private int Depth(ResourceRuntime runtime) =>
        runtime.Resource.WaitsFor.Count == 0 ? 0 : 1 + runtime.Resource.WaitsFor.Max(d => Depth(_byResource[d]));

    [LoggerMessage(LogLevel.Warning, "{Resource} is no longer healthy: {State}, {Health}")]
    private static partial void LogUnhealthy(ILogger logger, string resource, ResourceState state, ResourceHealth health);
}
