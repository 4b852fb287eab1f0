using StratosBridge.Chains.Evm;

namespace StratosBridge.Deploy;

/// <summary>
/// What was deployed on one chain. <see cref="Vaults"/> maps the peer chain's name to the vault on this chain that pairs
/// with it: on ethereum/bsc one token-mode vault (peer stratos); on stratos one native-mode vault per peer.
/// </summary>
public sealed record ChainDeployment(string Name, long ChainId, long FromBlock, IReadOnlyDictionary<string, EthAddress> Vaults)
{
    /// <summary>The ERC-20 STOS the token vault holds (null on stratos, where STOS is native).</summary>
    public EthAddress? StosToken { get; init; }

    /// <summary>OzonePayments (null on stratos).</summary>
    public EthAddress? OzonePayments { get; init; }

    /// <summary>The BridgeTimelock that administers this chain's vaults (every role grant and limit waits out its delay).</summary>
    public EthAddress Timelock { get; init; }

    /// <summary>The SystemContract (stratos only; on the devnet the stand-in placed at its real address).</summary>
    public EthAddress? SystemContract { get; init; }
}
