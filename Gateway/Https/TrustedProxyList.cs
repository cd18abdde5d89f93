using System.Net;

namespace Platform.Gateway.Https;

/// <summary>Parses the trusted-proxy settings: single addresses and CIDR networks alike.</summary>
public static class TrustedProxyList
{
    public static bool TryParse(string value, out IPNetwork network)
    {
        if (IPAddress.TryParse(value, out var address))
        {
            network = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(value, out network);
    }
}
