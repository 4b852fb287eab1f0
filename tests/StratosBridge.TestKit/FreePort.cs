using System.Net;
using System.Net.Sockets;

namespace StratosBridge.TestKit;

/// <summary>Asks the kernel for a free loopback port.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
