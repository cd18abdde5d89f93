using Microsoft.AspNetCore.Hosting;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>
/// Inline I/O: socket completions (the runtime's <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>,
/// read from the environment once, before the first socket) and Kestrel's continuations run on the
/// thread that polled the socket instead of being handed to the thread pool. Handing every
/// completion to the pool cost each request several pool-worker wake-ups, ~4 thread switches each,
/// and on a virtual machine a switch is expensive (bench/RESULTS.md: the gateway went from ~28 to ~8
/// switches per request, the prediction service from ~21 to ~6). One switch turns on both halves, as
/// ASP.NET Core recommends using them together. The price: whatever runs between a socket's
/// completion and the next pending I/O holds up every other socket of that polling thread, so a
/// process that uses it does CPU-heavy work only after <see cref="LeavePollingThread"/>. The AppHost
/// decides which processes run this way: every app that calls <c>AddServiceDefaults</c> follows the
/// variable, so setting it is all it takes.
/// </summary>
public static class InlineIo
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Kestrel schedules inline when the runtime completes sockets inline.</summary>
    internal static IWebHostBuilder UseInlineIoWhenEnabled(this IWebHostBuilder host) =>
        host.UseSockets(options => options.UnsafePreferInlineScheduling = Enabled);

    /// <summary>
    /// Awaited before CPU-heavy work (scoring thousands of rows, building a large page): continues on
    /// a thread-pool thread. Costs nothing on one already, which is every thread without inline I/O.
    /// </summary>
    public static PollingThreadExit LeavePollingThread() => default;
}
