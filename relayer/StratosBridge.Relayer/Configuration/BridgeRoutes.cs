using StratosBridge.Chains.Evm;

namespace StratosBridge.Relayer.Configuration;

/// <summary>
/// The bridge's routes, derived from <c>Chains:*:Contracts:Vaults</c>: a lock on chain A's vault paired with B, whose
/// <c>destChainId</c> is B's chain id, is released on B by B's vault paired with A.
/// </summary>
public sealed class BridgeRoutes(ChainsOptions chains)
{
    /// <summary>The vaults on <paramref name="chain"/> (peer name → address), whose Locked events the watcher follows.</summary>
    public IReadOnlyDictionary<string, EthAddress> VaultsOn(string chain) =>
        chains.TryGetValue(chain, out var options)
            ? options.Contracts.Vaults.ToDictionary(v => v.Key, v => EthAddress.Parse(v.Value))
            : new Dictionary<string, EthAddress>();

    /// <summary>
    /// The configured name of the destination of a lock on <paramref name="sourceChain"/> towards <paramref name="destChainId"/>,
    /// or null when no configured chain has that id or it has no vault paired with the source.
    /// </summary>
    public string? Destination(string sourceChain, long destChainId) =>
        chains.Where(c => c.Value.ChainId == destChainId && c.Value.Contracts.Vaults.ContainsKey(sourceChain))
            .Select(c => c.Key).FirstOrDefault();

    /// <summary>The vault on <paramref name="destChain"/> that releases what was locked on <paramref name="sourceChain"/>.</summary>
    public EthAddress? ReleasingVault(string destChain, string sourceChain) =>
        chains.TryGetValue(destChain, out var options) && options.Contracts.Vaults.TryGetValue(sourceChain, out var vault)
            ? EthAddress.Parse(vault)
            : null;

    /// <summary>Chains that have at least one vault (watched for locks, and destinations of releases).</summary>
    public IEnumerable<string> BridgeChains => chains.Where(c => c.Value.Contracts.Vaults.Count > 0).Select(c => c.Key);
}
