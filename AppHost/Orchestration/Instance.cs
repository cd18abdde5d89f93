using Platform.LocalInfra;

namespace Platform.AppHost.Orchestration;

/// <summary>One launched process of a resource: what the supervisor watches and stops.</summary>
public sealed class Instance(ExternalProcess process, Func<Task> stop)
{
    public int Pid => process.Id;

    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    public int? ExitCode => process.ExitCode;

    public Task StopAsync() => stop();
}
