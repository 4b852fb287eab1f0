using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using StratosBridge.Core.Webhooks;

namespace StratosBridge.Api.Webhooks;

/// <summary>
/// The HTTP client deliveries go through: no redirects followed, no cookies, no proxy, and every address the host
/// resolves to checked by <see cref="WebhookUrlPolicy"/> when connecting (a name that resolves to a private address is
/// refused), so a registered URL can never reach inside the network.
/// </summary>
internal static class WebhookHttp
{
    public const string ClientName = "webhooks";

    /// <summary>The most of an answer read (the rest is not read); its first <see cref="KeptBytes"/> are recorded.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    public const int KeptBytes = 1024;

    public static void Add(IServiceCollection services)
    {
        services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    UseProxy = false,
                    ConnectTimeout = options.Timeout,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, ct) => ConnectAsync(context, options.AllowLoopback, ct),
                };
            })
            .ConfigureHttpClient((sp, http) => http.Timeout = Timeout.InfiniteTimeSpan); // each send has its own deadline
    }

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowLoopback, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => WebhookUrlPolicy.IsAllowed(a, allowLoopback)).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException($"refused: {host} resolves only to addresses deliveries may not reach " +
                                           $"({string.Join(", ", addresses.Select(a => a.ToString()))})");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.Select(a => new IPEndPoint(a, context.DnsEndPoint.Port)).First(), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
