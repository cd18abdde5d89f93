using System.Globalization;

namespace Platform.Benchmarks.Gateway;

/// <summary>
/// CPU time the hypervisor gave to other guests ("steal", the eighth number of the <c>cpu</c> line
/// of <c>/proc/stat</c>), as a share of all CPU time. On this shared VM it swings from 0 to over
/// 30 % within a run, and a second with 20 % steal had a p50 several times a quiet second's: the
/// benchmark reports it so that a host's spell is not read as the code's.
/// </summary>
internal static class HostSteal
{
    /// <summary>Cumulative (steal, total) ticks of all CPUs; null where there is no <c>/proc/stat</c>.</summary>
    public static (long Steal, long Total)? Read()
    {
        try
        {
            using var stat = new StreamReader("/proc/stat");
            var fields = stat.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is null || fields.Length < 9 || fields[0] != "cpu") return null;
            long total = 0;
            // user nice system idle iowait irq softirq steal; guest time is already inside user.
            for (var i = 1; i <= 8; i++) total += long.Parse(fields[i], CultureInfo.InvariantCulture);
            return (long.Parse(fields[8], CultureInfo.InvariantCulture), total);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Percent of the CPU time between two readings that was stolen; 0 without readings.</summary>
    public static double Percent((long Steal, long Total)? from, (long Steal, long Total)? to) =>
        from is { } a && to is { } b && b.Total > a.Total ? 100.0 * (b.Steal - a.Steal) / (b.Total - a.Total) : 0;
}
