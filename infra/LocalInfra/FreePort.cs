using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Platform.LocalInfra;

/// <summary>Loopback port helpers.</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768–60999 by default). A port the OS picks for bind(0) comes
    // from that range, which is also where outgoing connections take their local ports: in the
    // seconds between choosing a port and a child process binding it, a test's own connection
    // could take it (seen: a service failing with "address already in use" mid-suite).
    public const int Lowest = 20_000;
    public const int Count = 12_000;

    // Each process starts at its own place in the range, so two of them rarely try the same ports.
    private static int _cursor = Random.Shared.Next(Count);

    private static readonly ConcurrentDictionary<int, bool> Reserved = new();
    private static readonly ConcurrentDictionary<int, FileStream?> Claimed = new();

    /// <summary>
    /// Where ports handed out are claimed across processes: a file per port, held locked (flock)
    /// by the process that handed the port out, for as long as that process lives. The kernel
    /// drops the lock when the process ends, however it ends, so no claim outlives its owner.
    /// </summary>
    public static string ClaimDirectory { get; } = Path.Combine(Path.GetTempPath(), "platform-ports");

    /// <summary>
    /// Ports this process has promised to something that will bind them later (a configured
    /// dashboard or gateway port): free until then, so <see cref="Next"/> must not hand them out.
    /// </summary>
    public static void Reserve(params int[] ports)
    {
        foreach (var port in ports) Reserved[port] = true;
    }

    /// <summary>
    /// A port that is free on 127.0.0.1 right now, not reserved, and never handed out before, by
    /// this process or by another one still running. A port is handed out long before it is
    /// bound (an AppHost gives every service its port up front and starts them one by one), and
    /// until then it looks free to everyone: without the claim, a test process and the AppHost it
    /// started handed out the same ports and a service could not bind its own.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = Lowest + (int)((uint)Interlocked.Increment(ref _cursor) % Count);
            if (Reserved.ContainsKey(port) || Claimed.ContainsKey(port) || !IsFree(port) || !TryClaim(port)) continue;
            // Free when looked at before the claim; still free now that nobody else can hand it out.
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"no free loopback port between {Lowest} and {Lowest + Count - 1}");
    }

    /// <summary>
    /// Claims the port for this process, or says another process holds it. Where no claim can be
    /// made at all (the directory cannot be written), the port counts as claimed by nobody: the
    /// bind check alone decides, as it did before claims.
    /// </summary>
    private static bool TryClaim(int port)
    {
        FileStream? claim;
        try
        {
            Directory.CreateDirectory(ClaimDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Claimed.TryAdd(port, null);
        }
        try
        {
            // FileShare.None takes an exclusive flock on Unix: a second holder, in this process or
            // another, is refused.
            claim = new FileStream(Path.Combine(ClaimDirectory, $"{port}.claim"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        if (Claimed.TryAdd(port, claim)) return true;
        claim.Dispose();
        return false;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsAsync(string host, int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
