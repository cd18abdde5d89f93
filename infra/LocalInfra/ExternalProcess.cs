using System.Diagnostics;

namespace Platform.LocalInfra;

/// <summary>
/// A child process whose output goes to a log file and to a short in-memory tail (for error
/// messages and the dashboard). Stopping sends SIGTERM to the whole tree, waits, then kills
/// whatever is left, so nothing outlives its owner.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private const int TailLines = 200;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();

    private ExternalProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    /// <summary>The signal that asks this process to stop (PostgreSQL wants SIGINT for a fast shutdown).</summary>
    public int StopSignal { get; init; } = Native.SigTerm;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Raised for every line the process writes (stdout and stderr).</summary>
    public event Action<string>? OutputLine;

    public static ExternalProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string logFile,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        int stopSignal = Native.SigTerm)
    {
        // A session of its own: Ctrl-C in a terminal signals the whole foreground process group,
        // and the owner, not the terminal, decides when and in which order its children stop.
        var setsid = Executables.Find("setsid");
        var info = new ProcessStartInfo(setsid ?? fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (setsid is not null) info.ArgumentList.Add(fileName);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new ExternalProcess(name, process, log) { StopSignal = stopSignal };
        process.OutputDataReceived += (_, e) => result.Record(e.Data);
        process.ErrorDataReceived += (_, e) => result.Record(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            log.Dispose();
            throw new InfraException(name, $"could not start '{fileName}': {ex.Message}", ex);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    /// <summary>The last lines of output, oldest first.</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_gate) return [.. _tail];
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken = default) =>
        _process.WaitForExitAsync(cancellationToken);

    /// <summary>Asks the process tree to stop, then kills what is still running after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        foreach (var pid in ProcessTree.Descendants(_process.Id).Prepend(_process.Id))
            Native.Signal(pid, StopSignal);

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Did not stop in time: fall through to the hard kill below.
        }
        Kill();
    }

    /// <summary>Kills the process and all its descendants immediately.</summary>
    public void Kill()
    {
        try
        {
            // Descendants first: a wrapper that dies first would re-parent its children to init.
            foreach (var pid in ProcessTree.Descendants(_process.Id)) Native.Signal(pid, Native.SigKill);
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        lock (_gate) _log.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _tail.Enqueue(line);
            if (_tail.Count > TailLines) _tail.Dequeue();
            try { _log.WriteLine(line); } catch (ObjectDisposedException) { }
        }
        OutputLine?.Invoke(line);
    }
}
