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
    private const int Lowest = 20_000;
    private const int Count = 12_000;

    // Each process starts at its own place in the range, so two of them rarely try the same ports.
    private static int _cursor = Random.Shared.Next(Count);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> Reserved = new();

    /// <summary>
    /// Ports this process has promised to something that will bind them later (a configured
    /// dashboard or gateway port): free until then, so <see cref="Next"/> must not hand them out.
    /// </summary>
    public static void Reserve(params int[] ports)
    {
        foreach (var port in ports) Reserved[port] = true;
    }

    /// <summary>A port that is free on 127.0.0.1 right now and not reserved, never handed out twice by this process in a row.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = Lowest + (int)((uint)Interlocked.Increment(ref _cursor) % Count);
            if (!Reserved.ContainsKey(port) && IsFree(port)) return port;
        }
        throw new InvalidOperationException($"no free loopback port between {Lowest} and {Lowest + Count - 1}");
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
