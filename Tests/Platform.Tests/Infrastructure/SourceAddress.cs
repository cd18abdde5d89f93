using System.Net;
using System.Net.Sockets;

namespace Platform.Tests.Infrastructure;

/// <summary>
/// Connections from a chosen loopback address (Linux routes all of 127.0.0.0/8 to lo): how a test
/// plays a second client, or a proxy, without leaving the machine.
/// </summary>
public static class SourceAddress
{
    public static SocketsHttpHandler BindTo(this SocketsHttpHandler handler, IPAddress source)
    {
        handler.ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return handler;
    }
}
