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

    /// <summary>The bridge's contracts on this chain (none configured: the chain is only watched for heads).</summary>
    public ChainContractsOptions Contracts { get; set; } = new();

    public Uri RpcUri => new(RpcUrl);
}
