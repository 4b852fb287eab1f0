using System.Globalization;
using System.Numerics;
using Microsoft.AspNetCore.Http.HttpResults;
using Nethereum.Contracts;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Api.Chains;

/// <summary>
/// <c>GET /v1/routes</c>: each bridge route with its vaults and what they say now: the lock fee (per route, in the locked
/// asset), the lock limits, the destination's per-release cap and what its 24 h window still allows, and whether the
/// source is paused. Read from the chains on every call (rate-limited like other lookups).
/// </summary>
public static class RouteEndpoints
{
    public static void Map(RouteGroupBuilder v1) => v1.MapGet("/routes", ListAsync).WithName("GetRoutes").RequireRateLimiting(AnonymousRateLimits.Lookups);

    private static async Task<Ok<RouteList>> ListAsync(ChainClients chains, BridgeRoutes routes, CancellationToken ct)
    {
        var list = new List<RouteView>();
        foreach (var source in chains.Names.Order(StringComparer.Ordinal))
        {
            foreach (var (dest, sourceVault) in routes.VaultsOn(source).OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                if (!chains.Names.Contains(dest) || routes.ReleasingVault(dest, source) is not { } destVault)
                {
                    continue;
                }
                list.Add(await ReadAsync(chains, source, dest, sourceVault, destVault, ct));
            }
        }
        return TypedResults.Ok(new RouteList(list));
    }

    private static async Task<RouteView> ReadAsync(ChainClients chains, string source, string dest, EthAddress sourceVault, EthAddress destVault,
        CancellationToken ct)
    {
        try
        {
            var src = chains.Rpc(source);
            var dst = chains.Rpc(dest);
            return new RouteView(source, dest, sourceVault.ToString(), destVault.ToString(),
                await AmountAsync(src, sourceVault, new StosVaultContract.FeeFunction(), ct),
                await AmountAsync(src, sourceVault, new StosVaultContract.MinLockFunction(), ct),
                await AmountAsync(src, sourceVault, new StosVaultContract.MaxLockFunction(), ct),
                await AmountAsync(dst, destVault, new StosVaultContract.ReleaseCapFunction(), ct),
                await AmountAsync(dst, destVault, new StosVaultContract.AvailableOutflowFunction(), ct),
                await src.QueryAsync<bool>(sourceVault, new StosVaultContract.PausedFunction(), ct: ct), null);
        }
        catch (Exception e) when (Outage.Is(e) && !ct.IsCancellationRequested)
        {
            return new RouteView(source, dest, sourceVault.ToString(), destVault.ToString(), null, null, null, null, null, null,
                $"a node did not answer: {e.Message}");
        }
    }

    private static async Task<string> AmountAsync(EvmRpcClient rpc, EthAddress vault, FunctionMessage view, CancellationToken ct) =>
        (await rpc.QueryAsync<BigInteger>(vault, view, ct: ct)).ToString(CultureInfo.InvariantCulture);
}
