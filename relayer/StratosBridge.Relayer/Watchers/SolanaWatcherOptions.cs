using System.ComponentModel.DataAnnotations;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// Section <c>Solana</c>: the Solana cluster whose Solana Pay payments the <c>watchers</c> role follows
/// (<see cref="SolanaPaymentWatcher"/>), and how often it looks. The watcher runs when <see cref="RpcUrl"/> and the
/// recipient (<see cref="RecipientKey"/>) are both set. <c>Solana:Resilience:*</c> (retries, attempt timeout) is the RPC
/// client's (<see cref="Chains.JsonRpc.RpcResilienceOptions"/>).
/// </summary>
public sealed class SolanaWatcherOptions : IValidatableSection
{
    public const string Section = "Solana";

    /// <summary>The chain name in the ledger (<c>source_events</c>, <c>payments</c>, <c>chain_heads</c>) and of the RPC client.</summary>
    public const string Chain = "solana";

    /// <summary>Where payments go: the same key the quotes' Solana Pay URIs are made from.</summary>
    public const string RecipientKey = "Pricing:Payments:solana:Recipient";

    /// <summary>JSON-RPC endpoint, absolute http(s) URL; empty: Solana is not watched. May carry a provider key: never logged.</summary>
    public string RpcUrl { get; set; } = "";

    /// <summary>How often the watcher wakes up: reads the cluster's slots and looks at the quotes that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A quote of age A is looked at again after A / <see cref="QuoteAgeDivisor"/>, at least <see cref="PollInterval"/>
    /// and at most <see cref="MaxQuoteInterval"/>: every poll in its first minute, every 30 s at 15 min (default 30).
    /// </summary>
    [Range(1, 1_000_000)]
    public int QuoteAgeDivisor { get; set; } = 30;

    /// <summary>The longest spacing between two looks at one quote (old quotes); also how long after its window closes a quote gets its last look.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan MaxQuoteInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Quotes looked at per poll at most (the most overdue first), so a burst of quotes is spread over polls.</summary>
    [Range(1, 100_000)]
    public int MaxChecksPerPoll { get; set; } = 200;

    public bool Configured => RpcUrl.Length > 0;

    /// <summary>How long after a look a quote created at <paramref name="createdAt"/> is due again.</summary>
    public TimeSpan SpacingFor(DateTimeOffset createdAt, DateTimeOffset now)
    {
        var byAge = (now - createdAt) / QuoteAgeDivisor;
        return byAge < PollInterval ? PollInterval : byAge > MaxQuoteInterval ? MaxQuoteInterval : byAge;
    }

    public IEnumerable<string> Validate(string section)
    {
        if (RpcUrl.Length > 0 && !(Uri.TryCreate(RpcUrl, UriKind.Absolute, out var uri)
                                   && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"{section}:RpcUrl: '{(RpcUrl.Length <= 24 ? RpcUrl : RpcUrl[..20] + "…")}' is not an absolute http(s) URL";
        }
        if (MaxQuoteInterval < PollInterval)
        {
            yield return $"{section}:MaxQuoteInterval: {MaxQuoteInterval} is shorter than {section}:PollInterval ({PollInterval})";
        }
    }
}
