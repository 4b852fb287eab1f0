using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.RateLimiting;

/// <summary>
/// Section <c>RateLimits</c>: how many requests one client IP may make to the anonymous routes in a fixed window, per
/// group of routes (<see cref="AnonymousRateLimits"/>). Requests with an admin token or a valid API key are not counted.
/// </summary>
public sealed class RateLimitOptions : IValidatableSection
{
    public const string Section = "RateLimits";

    /// <summary><c>POST /v1/quotes</c>: each quote is a ledger row, and a SOL quote is watched for 24 h.</summary>
    public RateLimitWindowOptions Quotes { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>The anonymous reads: quotes (and their QR codes), transfers, wallet credits, chains, prices, status.</summary>
    public RateLimitWindowOptions Lookups { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary><c>GET /v1/fiat/checkout/return</c>: each call may ask Stripe about the session.</summary>
    public RateLimitWindowOptions CheckoutReturn { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary><c>POST /v1/grants/{program}/challenges</c> and <c>…/claims</c>: each is a ledger row and a signature check.</summary>
    public RateLimitWindowOptions Grants { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    public IEnumerable<string> Validate(string section) =>
        Quotes.Validate($"{section}:{nameof(Quotes)}")
            .Concat(Lookups.Validate($"{section}:{nameof(Lookups)}"))
            .Concat(CheckoutReturn.Validate($"{section}:{nameof(CheckoutReturn)}"))
            .Concat(Grants.Validate($"{section}:{nameof(Grants)}"));
}
