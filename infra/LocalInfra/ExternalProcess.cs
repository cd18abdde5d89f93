using System.Diagnostics;
using System.Text;

namespace Platform.LocalInfra;

/// <summary>
/// A child process whose output goes to a log file and to a short in-memory tail (for error
/// messages and the dashboard). Output is copied a read at a time, in whole lines, with one file
/// write per read: a chatty child (a gateway logging every request) must not be slowed by its
/// owner writing and flushing its log line by line. Stopping sends SIGTERM to the whole tree, waits, then kills
/// whatever is left, so nothing outlives its owner.
/// </summary>
public sealed class ExternalProcess : IAsyncDisposable
{
    private const int TailLines = 200;
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);
    private readonly Process _process;
    private readonly FileStream _log;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private Task _output = Task.CompletedTask;

    private ExternalProcess(string name, Process process, FileStream log)
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
        var log = new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var result = new ExternalProcess(name, process, log) { StopSignal = stopSignal };
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
        result._output = Task.WhenAll(
            Task.Run(() => result.CopyOutputAsync(process.StandardOutput.BaseStream)),
            Task.Run(() => result.CopyOutputAsync(process.StandardError.BaseStream)));
        return result;
    }

    /// <summary>The last lines of output, oldest first.</summary>
    public IReadOnlyList<string> Tail()
    {
        // After an exit, its last words are what the caller is after.
        if (_process.HasExited) _output.Wait(OutputDrainTimeout);
        lock (_gate) return [.. _tail];
    }

    /// <summary>Waits for the process to exit and for its last output to reach the log and the tail.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        await _process.WaitForExitAsync(cancellationToken);
        await DrainOutputAsync();
    }

    // A grandchild that inherited the pipes (a daemon it started) may hold them open after it exits.
    private Task DrainOutputAsync() => _output.WaitAsync(OutputDrainTimeout).ContinueWith(_ => { }, TaskScheduler.Default);

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
        await DrainOutputAsync();
        lock (_gate) _log.Dispose();
    }

    private async Task CopyOutputAsync(Stream source)
    {
        var buffer = new byte[64 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                // A line longer than the buffer goes out in pieces.
                if (filled == buffer.Length) filled = Record(buffer, filled, takeAll: true, endOfStream: false);
                var read = await source.ReadAsync(buffer.AsMemory(filled));
                if (read == 0) break;
                filled = Record(buffer, filled + read, takeAll: false, endOfStream: false);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe closed under us: the process is gone.
        }
        if (filled > 0) Record(buffer, filled, takeAll: true, endOfStream: true);
    }

    /// <summary>
    /// Writes the complete lines of <paramref name="buffer"/> (all of it with <paramref name="takeAll"/>),
    /// moves what is left of a line to its start and returns its length.
    /// </summary>
    private int Record(byte[] buffer, int length, bool takeAll, bool endOfStream)
    {
        var end = takeAll ? length : buffer.AsSpan(0, length).LastIndexOf((byte)'\n') + 1;
        if (end == 0) return length;
        var chunk = buffer.AsSpan(0, end);
        var ranges = new List<Range>();
        foreach (var range in chunk.Split((byte)'\n'))
        {
            if (range.Start.Value == chunk.Length) break;
            ranges.Add(range);
        }
        // Without a subscriber only the lines the tail keeps are worth decoding.
        var subscribed = OutputLine is not null;
        var lines = new List<string>(ranges.Count);
        foreach (var range in subscribed ? ranges : ranges.TakeLast(TailLines)) lines.Add(Encoding.UTF8.GetString(chunk[range]).TrimEnd('\r'));
        lock (_gate)
        {
            try
            {
                _log.Write(chunk);
                if (endOfStream && chunk[^1] != (byte)'\n') _log.WriteByte((byte)'\n');
                _log.Flush();
            }
            catch (ObjectDisposedException)
            {
                // Disposed while the child still wrote: the tail keeps the rest.
            }
            foreach (var line in lines)
            {
                _tail.Enqueue(line);
                if (_tail.Count > TailLines) _tail.Dequeue();
            }
        }
        if (subscribed) foreach (var line in lines) OutputLine?.Invoke(line);
        buffer.AsSpan(end, length - end).CopyTo(buffer);
        return length - end;
    }
}
