using System.Net;
using System.Net.Sockets;

namespace StratosBridge.Core.Webhooks;

/// <summary>
/// Where deliveries may go (no SSRF): an absolute <c>https</c> URL without credentials whose host is not a private,
/// loopback, link-local, shared (CGNAT), multicast or unspecified address. With <c>allowLoopback</c> (the devnet and tests),
/// loopback is allowed, over <c>http</c> too. The same address rule is applied again to every address the host resolves
/// to when the delivery connects, so a name that resolves to a private address is refused as well.
/// </summary>
public static class WebhookUrlPolicy
{
    /// <summary>Null when <paramref name="text"/> is a URL deliveries may go to; otherwise why not.</summary>
    public static string? Refusal(string? text, bool allowLoopback, out Uri? url)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text, UriKind.Absolute, out var parsed))
        {
            return "the url must be an absolute https URL";
        }
        if (parsed.Scheme is not ("https" or "http"))
        {
            return $"the url must be an absolute https URL (its scheme is {parsed.Scheme})";
        }
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            return "the url must not carry credentials (user:password@)";
        }
        var loopbackHost = parsed.IsLoopback || string.Equals(parsed.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase);
        if (IPAddress.TryParse(parsed.IdnHost.Trim('[', ']'), out var address) && !IsAllowed(address, allowLoopback))
        {
            return $"{parsed.IdnHost} is a {Describe(address)} address; deliveries go only to public addresses";
        }
        if (loopbackHost && !allowLoopback)
        {
            return $"{parsed.IdnHost} is a loopback address; deliveries go only to public addresses";
        }
        if (parsed.Scheme == "http" && !(loopbackHost && allowLoopback))
        {
            return "the url must use https (http is allowed only for loopback on the devnet)";
        }
        url = parsed;
        return null;
    }

    /// <summary>Whether a delivery may connect to <paramref name="address"/>.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return IPAddress.IsLoopback(address) ? allowLoopback : Describe(address) is null;
    }

    /// <summary>What kind of non-public address <paramref name="address"/> is, or null for a public one.</summary>
    private static string? Describe(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => "unspecified",
                10 => "private",
                100 when b[1] >= 64 && b[1] < 128 => "shared (CGNAT)",
                169 when b[1] == 254 => "link-local",
                172 when b[1] >= 16 && b[1] < 32 => "private",
                192 when b[1] == 168 => "private",
                >= 224 => "multicast or reserved",
                _ => null,
            };
        }
        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified";
        }
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "link-local";
        }
        if (address.IsIPv6Multicast)
        {
            return "multicast";
        }
        var first = address.GetAddressBytes()[0];
        return (first & 0xfe) == 0xfc ? "private (unique local)" : null;
    }
}
