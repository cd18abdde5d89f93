namespace Platform.Gateway.Hosting;

/// <summary>
/// Inline I/O for the gateway: socket completions (the runtime's
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, read from the environment once, before
/// the first socket) and Kestrel's continuations run on the thread that polled the socket instead
/// of being handed to the thread pool. The gateway's work per request is short and never blocks
/// (it proxies, and waits for Redis and the services asynchronously), which is the case this is
/// for. Handing every completion to the pool cost each request ~4 pool-worker wake-ups and ~28
/// thread switches, and on a virtual machine a switch is expensive: measured at 200 requests a
/// second (bench/RESULTS.md), the switches fell to ~8 per request and the gateway's CPU per
/// request by 10–25 %. One switch turns on both halves, as ASP.NET Core recommends using them
/// together; the AppHost and the manifest set it for the gateway only, since a service that
/// scores large batches must not do so on its polling thread.
/// </summary>
public static class InlineIo
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Kestrel schedules inline when the runtime completes sockets inline.</summary>
    public static IWebHostBuilder UseInlineIoWhenEnabled(this IWebHostBuilder host) =>
        host.UseSockets(options => options.UnsafePreferInlineScheduling = Enabled);
}
