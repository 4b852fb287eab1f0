using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Auth;
using StratosBridge.Api.Problems;
using StratosBridge.Fiat.Accounts;
using StratosBridge.Ledger.Fiat;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter on the anonymous routes, one fixed window per client IP (an IPv6 client by its /64) and
/// per policy: <see cref="Quotes"/>, <see cref="Lookups"/>, <see cref="CheckoutReturn"/>, <see cref="Grants"/> (limits from
/// <see cref="RateLimitOptions"/>). A request over the limit is answered 429 <c>rate-limited</c> (ProblemDetails) with
/// <c>Retry-After</c> in seconds. Requests carrying an admin token or a valid, unrevoked API key are never counted, so
/// anonymous traffic from the same address cannot starve operators or businesses; the admin and API-key routes have no
/// limit at all. Behind a reverse proxy the client IP is the proxy's unless the host is told to trust its forwarded headers.
/// </summary>
public static class AnonymousRateLimits
{
    public const string Quotes = "quotes";
    public const string Lookups = "lookups";
    public const string CheckoutReturn = "checkout-return";
    public const string Grants = "grants";

    /// <summary>The ProblemDetails code of a 429.</summary>
    public const string RateLimited = "rate-limited";

    private static readonly object IdentifiedItem = new();

    public static void Add(IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(Quotes, context => Partition(context, o => o.Quotes));
            limiter.AddPolicy(Lookups, context => Partition(context, o => o.Lookups));
            limiter.AddPolicy(CheckoutReturn, context => Partition(context, o => o.CheckoutReturn));
            limiter.AddPolicy(Grants, context => Partition(context, o => o.Grants));
        });
    }

    /// <summary>Identifies API-key callers of rate-limited routes (a ledger lookup, before the limiter), then limits.</summary>
    public static void Use(WebApplication app)
    {
        app.Use(IdentifyApiKeyAsync);
        app.UseRateLimiter();
    }

    private static RateLimitPartition<string> Partition(HttpContext context, Func<RateLimitOptions, RateLimitWindowOptions> policy)
    {
        if (context.Items.ContainsKey(IdentifiedItem) || IsAdmin(context))
        {
            return RateLimitPartition.GetNoLimiter("identified");
        }
        var window = policy(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = window.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>An IPv4 address (also one mapped into IPv6) as it is; an IPv6 address by its /64, what one subscriber usually holds.</summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static bool IsAdmin(HttpContext context) =>
        BearerToken.TryRead(context.Request, out var token)
        && context.RequestServices.GetService<AdminTokens>() is { Enabled: true } tokens
        && tokens.Matches(token);

    private static async Task IdentifyApiKeyAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null
            && BearerToken.TryRead(context.Request, out var key) && ApiKeys.LooksLikeKey(key)
            && context.RequestServices.GetService<BusinessAccountStore>() is { } accounts
            && await accounts.AuthenticateAsync(ApiKeys.Sha256(key), context.RequestAborted) is { } found
            && found.Key.RevokedAt is null)
        {
            context.Items[IdentifiedItem] = true;
        }
        await next(context);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? Lookups;
        var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var window = policy switch
        {
            Quotes => options.Quotes,
            CheckoutReturn => options.CheckoutReturn,
            Grants => options.Grants,
            _ => options.Lookups,
        };
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window.Window;
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblem.Create(StatusCodes.Status429TooManyRequests, RateLimited, "Too many requests",
                $"this address made more than {window.PermitLimit} requests of this kind ({policy}) within {window.Window}; " +
                $"try again in {seconds} s")
            .ExecuteAsync(context);
    }
}
