using System.Diagnostics;

namespace Platform.LocalInfra;

/// <summary>Polls a probe until it succeeds, the process dies, or the deadline passes: never hangs.</summary>
public static class Readiness
{
    public static async Task WaitAsync(
        string resource,
        Func<CancellationToken, Task<bool>> probe,
        TimeSpan timeout,
        ExternalProcess? process,
        string logFile,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process is { HasExited: true })
            {
                throw new InfraException(resource,
                    $"exited with code {process.ExitCode} while starting. Last output: {LastLine(process)} (log: {logFile})");
            }
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                if (await probe(attempt.Token)) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException
                                           or System.Net.Sockets.SocketException && !cancellationToken.IsCancellationRequested)
            {
                // Not ready yet.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(150), cancellationToken);
        }
        throw new InfraException(resource, $"not ready after {timeout.TotalSeconds:0} s (log: {logFile})");
    }

    private static string LastLine(ExternalProcess process) =>
        process.Tail().LastOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? "(none)";
}
