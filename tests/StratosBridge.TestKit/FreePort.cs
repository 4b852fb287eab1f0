using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace StratosBridge.TestKit;

/// <summary>
/// A free loopback port for a server a test starts, taken below the kernel's ephemeral range. A port the kernel hands out
/// for port 0 lies inside that range, where any outgoing connection may take it before the server binds it (a devnet binds
/// its last part a minute or more after the ports are chosen; seen: Solana's devnet exiting with "address in use" on a busy
/// machine). Ports below the range are only ever taken by a listener; this process never hands out one twice.
/// </summary>
public static class FreePort
{
    private const int Lowest = 10_000;
    private static readonly HashSet<int> Given = [];
    private static readonly int Highest = EphemeralLow() - 1;

    public static int Next()
    {
        lock (Given)
        {
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, Highest + 1);
                if (Given.Contains(port) || !Bindable(port))
                {
                    continue;
                }
                Given.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"no free loopback port between {Lowest} and {Highest} after 1,000 tries");
    }

    private static bool Bindable(int port)
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

    /// <summary>The first port of the kernel's ephemeral range (Linux: 32768 unless configured), at most 32768.</summary>
    private static int EphemeralLow()
    {
        try
        {
            var first = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0];
            var low = int.Parse(first, CultureInfo.InvariantCulture);
            return low > Lowest + 1_000 ? Math.Min(low, 32_768) : 32_768;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return 32_768;
        }
    }
}
