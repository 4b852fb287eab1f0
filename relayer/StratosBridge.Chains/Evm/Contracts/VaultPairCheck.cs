using System.Numerics;
using StratosBridge.Chains.Evm.Rpc;
using static StratosBridge.Chains.Evm.Contracts.StosVaultContract;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Whether two vaults on two chains form a pair that cannot strand a lock: each names the other (chain id and address) as its
/// peer, neither accepts a lock the other cannot release (its <c>maxLock</c> above the other's <c>releaseCap</c> or
/// <c>dailyCap</c>), and neither holds less than it owes (<c>reserved()</c>; a token burn from the vault, say). The deployer
/// refuses a pair with problems; the watcher raises an <c>ALARM</c> when a pair drifts (the admin changes limits on one side).
/// </summary>
public static class VaultPairCheck
{
    /// <summary>What is wrong with the pair (empty when it is consistent), read at the latest block of each chain.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(EvmRpcClient aRpc, long aChainId, EthAddress a, EvmRpcClient bRpc, long bChainId,
        EthAddress b, CancellationToken ct = default)
    {
        var problems = new List<string>();
        foreach (var (fromRpc, from, toRpc, to, toChainId) in new[] { (aRpc, a, bRpc, b, bChainId), (bRpc, b, aRpc, a, aChainId) })
        {
            if (EthAddress.Parse(await fromRpc.QueryAsync<string>(from, new PeerVaultFunction(), ct: ct)) != to
                || await fromRpc.QueryAsync<BigInteger>(from, new DestChainIdFunction(), ct: ct) != toChainId)
            {
                problems.Add($"{from} does not name {to} on chain {toChainId} as its peer");
            }
            var maxLock = await fromRpc.QueryAsync<BigInteger>(from, new MaxLockFunction(), ct: ct);
            var releaseCap = await toRpc.QueryAsync<BigInteger>(to, new ReleaseCapFunction(), ct: ct);
            var dailyCap = await toRpc.QueryAsync<BigInteger>(to, new DailyCapFunction(), ct: ct);
            if (maxLock > releaseCap || maxLock > dailyCap)
            {
                problems.Add($"{from} accepts locks up to {maxLock}, but {to} releases at most {BigInteger.Min(releaseCap, dailyCap)} at once");
            }
            // what the vault holds (liquidity + claimable) below what it owes: value left it outside release/refund/claim/sweep
            var held = await fromRpc.QueryAsync<BigInteger>(from, new LiquidityFunction(), ct: ct)
                       + await fromRpc.QueryAsync<BigInteger>(from, new TotalClaimableFunction(), ct: ct);
            var owed = await fromRpc.QueryAsync<BigInteger>(from, new ReservedFunction(), ct: ct);
            if (held < owed)
            {
                problems.Add($"{from} holds {held} but owes {owed} (funded + locked + claimable − released − refunded): a shortfall of {owed - held}");
            }
        }
        return problems;
    }
}
