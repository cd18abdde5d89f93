namespace Platform.LocalInfra;

/// <summary>
/// Finds a process's descendants through /proc so that wrappers (rabbitmq-server is a shell
/// script around beam.smp) can be signalled where the real work happens.
/// </summary>
internal static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            var ppid = ReadParent(dir);
            if (ppid is null) continue;
            if (!parents.TryGetValue(ppid.Value, out var children)) parents[ppid.Value] = children = [];
            children.Add(pid);
        }

        var result = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var current))
        {
            if (!parents.TryGetValue(current, out var children)) continue;
            foreach (var child in children)
            {
                result.Add(child);
                queue.Enqueue(child);
            }
        }
        return result;
    }

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && ReadState($"/proc/{pid}") is not 'Z' and not null;

    private static int? ReadParent(string dir)
    {
        var fields = ReadStatFields(dir);
        return fields is { Length: > 1 } && int.TryParse(fields[1], out var ppid) ? ppid : null;
    }

    private static char? ReadState(string dir)
    {
        var fields = ReadStatFields(dir);
        return fields is { Length: > 0 } && fields[0].Length > 0 ? fields[0][0] : null;
    }

    // /proc/PID/stat is "pid (comm) state ppid ..."; comm may contain spaces and parentheses,
    // so fields are read after the last ')'.
    private static string[]? ReadStatFields(string dir)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var end = stat.LastIndexOf(')');
            return end < 0 ? null : stat[(end + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
