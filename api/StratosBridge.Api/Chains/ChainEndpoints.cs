using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Pages;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Chains.Evm;
using StratosBridge.Ledger.Chains;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Chains;

/// <summary><c>GET /v1/chains</c>: the configured chains, their contracts and finality policy, and how far the ledger has followed each.</summary>
public static class ChainEndpoints
{
    public static void Map(RouteGroupBuilder v1) => v1.MapGet("/chains", ListAsync).WithName("GetChains").RequireRateLimiting(AnonymousRateLimits.Lookups);

    private static async Task<Ok<ChainList>> ListAsync(ChainProgressQueries queries, IOptions<ChainsOptions> chains, IOptions<PagesOptions> pages,
        CancellationToken ct)
    {
        var names = chains.Value.Keys.Order(StringComparer.Ordinal).ToList();
        var progress = await queries.ReadAsync(names, ct);
        return TypedResults.Ok(new ChainList(names.Zip(progress, (name, p) => View(name, chains.Value[name], p, pages.Value.Explorers.GetValueOrDefault(name))).ToList()));
    }

    private static ChainView View(string name, ChainOptions chain, ChainProgress progress, string? explorerTxUrl)
    {
        var contracts = chain.Contracts;
        return new ChainView(
            name,
            chain.ChainId,
            XmlConvert.ToString(chain.BlockTime),
            new FinalityView(FinalityPolicy.NameOf(chain), chain.Confirmations),
            new ChainContractsView(
                new SortedDictionary<string, string>(contracts.Vaults.ToDictionary(v => v.Key, v => Checksummed(v.Value)!), StringComparer.Ordinal),
                Checksummed(contracts.StosToken),
                Checksummed(contracts.OzonePayments),
                Checksummed(contracts.SystemContract),
                contracts.FromBlock),
            progress.Head,
            progress.Finalized,
            progress.Checkpoint,
            progress is { WatcherInstance: { } instance, SeenAt: { } seenAt } ? new WatcherView(instance, seenAt.ToUniversalTime()) : null,
            explorerTxUrl);
    }

    /// <summary>Configured addresses were validated at start-up; shown in their EIP-55 form.</summary>
    private static string? Checksummed(string? address) => address is null ? null : EthAddress.Parse(address).ToString();
}
