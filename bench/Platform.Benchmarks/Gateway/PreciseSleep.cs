using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Benchmarks.Gateway;

/// <summary>
/// Sleeps a thread until a <see cref="Stopwatch"/> timestamp with nanosleep, which wakes within
/// tens of microseconds on Linux: .NET's timers and <see cref="Thread.Sleep(int)"/> work in whole
/// milliseconds, and a paced sender built on them starts its requests up to a millisecond late,
/// which every latency it measures then includes. Spinning would be exact but would take CPU the
/// services under test share.
/// </summary>
internal static partial class PreciseSleep
{
    public static void Until(long timestamp)
    {
        long remaining;
        while ((remaining = timestamp - Stopwatch.GetTimestamp()) > 0)
        {
            var nanoseconds = (long)(remaining * (1_000_000_000.0 / Stopwatch.Frequency));
            if (!OperatingSystem.IsLinux())
            {
                Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, nanoseconds / 100)));
                continue;
            }
            var request = new Timespec(nanoseconds / 1_000_000_000, nanoseconds % 1_000_000_000);
            // An interrupted sleep (EINTR) just goes round again with what is left.
            _ = NanoSleep(in request, IntPtr.Zero);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Timespec(long Seconds, long Nanoseconds);

    [LibraryImport("libc", EntryPoint = "nanosleep", SetLastError = false)]
    private static partial int NanoSleep(in Timespec request, IntPtr remaining);
}
