using System.ComponentModel.DataAnnotations;

namespace StratosBridge.Relayer.Configuration;

/// <summary>
/// <c>Chains:{name}:Contracts</c>: the bridge's contracts on one chain, as <c>contracts/deploy</c> writes them
/// (<c>Deployment:File</c>) or an operator configures them.
/// </summary>
public sealed class ChainContractsOptions
{
    /// <summary>The first block to scan for events (the deployment block).</summary>
    [Range(0, long.MaxValue)]
    public long FromBlock { get; set; }

    /// <summary>
    /// The StosVault on this chain that pairs with each peer chain, by the peer's name: on ethereum/bsc the token-mode
    /// vault (peer <c>stratos</c>); on stratos one native-mode vault per peer.
    /// </summary>
    public Dictionary<string, string> Vaults { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The ERC-20 STOS held by the token vault (token chains only).</summary>
    public string? StosToken { get; set; }

    /// <summary>OzonePayments (chains where Ozone can be paid for in the native coin).</summary>
    public string? OzonePayments { get; set; }

    /// <summary>The BridgeTimelock that administers this chain's vaults: every call it schedules is an <c>ALARM</c> (watched).</summary>
    public string? Timelock { get; set; }

    /// <summary>Stratos' SystemContract (stratos only).</summary>
    public string? SystemContract { get; set; }
}
