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

    /// <summary>How often the watcher wakes up: reads the cluster's slots and the recipient's new signatures.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long after its monitoring window closes a quote's payments are still recorded (a last look); at least <see cref="PollInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan MaxQuoteInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Independent Solana RPC endpoints (other providers than <see cref="RpcUrl"/>) that must confirm a SOL payment before its
    /// Ozone is credited (<c>Solana:ConfirmRpcUrls:0</c>, …). Empty: the watcher's endpoint alone is believed.
    /// </summary>
    public List<string> ConfirmRpcUrls { get; set; } = [];

    /// <summary>How many of <see cref="ConfirmRpcUrls"/> must agree (M of N); null: all of them.</summary>
    public int? ConfirmQuorum { get; set; }

    /// <summary>The endpoints that must agree before a SOL payment is credited (0 when none are configured).</summary>
    public int Quorum => ConfirmQuorum ?? ConfirmRpcUrls.Count;

    public bool Configured => RpcUrl.Length > 0;

    public IEnumerable<string> Validate(string section)
    {
        if (RpcUrl.Length > 0 && !ConfirmEndpoints.IsHttpUrl(RpcUrl))
        {
            yield return $"{section}:RpcUrl: '{ConfirmEndpoints.Redact(RpcUrl)}' is not an absolute http(s) URL";
        }
        foreach (var failure in ConfirmEndpoints.Validate(ConfirmRpcUrls, ConfirmQuorum, section))
        {
            yield return failure;
        }
        if (MaxQuoteInterval < PollInterval)
        {
            yield return $"{section}:MaxQuoteInterval: {MaxQuoteInterval} is shorter than {section}:PollInterval ({PollInterval})";
        }
    }
}
