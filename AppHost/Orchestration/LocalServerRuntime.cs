using Microsoft.Extensions.Logging;
using Platform.AppHost.Hosting;
using Platform.LocalInfra;

namespace Platform.AppHost.Orchestration;

/// <summary>
/// A server from Debian packages in the AppHost's data directory. Its ports are chosen at the
/// first start and kept, so connection strings handed to projects stay valid across restarts.
/// </summary>
public abstract class LocalServerRuntime(ServerResource server, string directory, SupervisionOptions options, ILogger logger)
    : SupervisedRuntime(server, options, logger)
{
    protected ServerResource Server { get; } = server;

    protected string Directory { get; } = directory;

    protected int Port { get; } = FreePort.Next();

    public override IReadOnlyList<string> Endpoints => [$"tcp://127.0.0.1:{Port}"];

    public override Task<ResourceHealth> ProbeAsync(CancellationToken cancellationToken) =>
        State == ResourceState.Running ? TcpProbe.ProbeAsync("127.0.0.1", Port, cancellationToken) : Task.FromResult(ResourceHealth.Unknown);

    /// <summary>Mirrors the server's output into the dashboard's log view.</summary>
    protected Instance Attach(ExternalProcess process, Func<Task> stop)
    {
        foreach (var line in process.Tail()) Logs.Append(line);
        process.OutputLine += Logs.Append;
        return new Instance(process, stop);
    }
}
