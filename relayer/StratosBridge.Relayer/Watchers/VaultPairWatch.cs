using Microsoft.Extensions.Logging;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// One chain watcher's continuous check of its vaults against their peers (<see cref="VaultPairCheck"/>), every
/// <see cref="WatcherOptions.PairCheckInterval"/>: a pair that could strand a lock (a peer that is not the other vault, or a
/// side accepting locks the other cannot release, e.g. after an admin changed one side's limits) is an <c>ALARM</c>.
/// </summary>
public sealed class VaultPairWatch(string chain, ChainClients chains, BridgeRoutes routes, TimeSpan interval, ILogger logger)
{
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public async Task CheckIfDueAsync(CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow < _next)
        {
            return;
        }
        _next = DateTimeOffset.UtcNow + interval;
        foreach (var (peer, vault) in routes.VaultsOn(chain))
        {
            if (!chains.Names.Contains(peer) || !routes.VaultsOn(peer).TryGetValue(chain, out var peerVault))
            {
                logger.LogWarning("Vault pair not checked: the vault {Vault} on {Chain} pairs with {Peer}, which is not configured with a vault " +
                                  "for {Chain}", vault, chain, peer, chain);
                continue;
            }
            var problems = await VaultPairCheck.ProblemsAsync(chains.Rpc(chain), chains.Options(chain).ChainId, vault, chains.Rpc(peer),
                chains.Options(peer).ChainId, peerVault, ct);
            foreach (var problem in problems)
            {
                logger.LogError("ALARM vault pair {Chain}/{Peer}: {Problem}", chain, peer, problem);
            }
        }
    }
}
