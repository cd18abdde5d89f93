using System.Runtime.InteropServices;

namespace Platform.LocalInfra;

/// <summary>POSIX calls that .NET does not expose: graceful signals and the effective user.</summary>
public static partial class Native
{
    public const int SigInt = 2;
    public const int SigTerm = 15;
    public const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    public static void Signal(int pid, int signal) => _ = KillNative(pid, signal);
}
