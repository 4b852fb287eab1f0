using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Configuration;

/// <summary>One entry of <c>Chains</c>: an EVM chain the bridge talks to (ethereum, bsc, stratos, …).</summary>
public sealed class ChainOptions
{
    /// <summary>The EVM chain id the node must answer with (1 Ethereum, 56 BSC, 2048 Stratos).</summary>
    [Range(1, long.MaxValue)]
    public long ChainId { get; set; }

    /// <summary>JSON-RPC endpoint, absolute http(s) URL. May carry a provider key: never logged.</summary>
    [Required]
    public string RpcUrl { get; set; } = "";

    /// <summary>Typical block interval, for ETAs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan BlockTime { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>
    /// Finality policy. Null (default): an event is final once its block is at or below the node's <c>finalized</c>
    /// block (Ethereum, BSC). A number N: final once N blocks are on top of it (nodes without the tag, the devnet;
    /// 0 for chains final on commit such as Stratos).
    /// </summary>
    [Range(0, 10_000)]
    public int? Confirmations { get; set; }

    /// <summary>
    /// The height at or below which blocks are final by this chain's policy: head − <see cref="Confirmations"/>, or the
    /// node's <paramref name="finalizedTag"/> block; null when that is not known yet.
    /// </summary>
    public long? FinalHeight(long head, long? finalizedTag) => Confirmations is { } n ? head - n : finalizedTag;

    /// <summary>
    /// Independent JSON-RPC endpoints (other providers than <see cref="RpcUrl"/>) that must confirm an <c>OzonePaid</c> payment
    /// before its Ozone is credited (<c>Chains:{name}:ConfirmRpcUrls:0</c>, <c>:1</c>, …). Empty: the watcher's endpoint alone is
    /// believed. Each may carry a provider key: only its host is ever logged.
    /// </summary>
    public List<string> ConfirmRpcUrls { get; set; } = [];

    /// <summary>How many of <see cref="ConfirmRpcUrls"/> must agree (M of N); null: all of them.</summary>
    public int? ConfirmQuorum { get; set; }

    /// <summary>The endpoints that must agree before a payment on this chain is credited (0 when none are configured).</summary>
    public int Quorum => ConfirmQuorum ?? ConfirmRpcUrls.Count;

    /// <summary>The bridge's contracts on this chain (none configured: the chain is only watched for heads).</summary>
    public ChainContractsOptions Contracts { get; set; } = new();

    public Uri RpcUri => new(RpcUrl);
}
