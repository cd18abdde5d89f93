namespace Platform.Tests.Infrastructure;

/// <summary>
/// Finds processes by an environment marker they inherited: the way to prove that nothing a
/// test started (however deep in the process tree) is still running.
/// </summary>
public static class ProcessScan
{
    public const string MarkerVariable = "PLATFORM_TEST_MARKER";

    public static string NewMarker() => Guid.NewGuid().ToString("N");

    public static List<int> WithMarker(string marker)
    {
        var needle = $"{MarkerVariable}={marker}";
        return [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && EnvironmentOf(pid).Split('\0').Contains(needle))];
    }

    public static bool IsRunning(int pid)
    {
        try
        {
            // A zombie has exited; only its parent has not collected it yet.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string EnvironmentOf(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/environ"); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
