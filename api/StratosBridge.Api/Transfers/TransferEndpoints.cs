using StratosBridge.Api.Docs;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using StratosBridge.Api.Paging;
using StratosBridge.Api.Problems;
using StratosBridge.Api.RateLimiting;
using StratosBridge.Chains.Evm;
using StratosBridge.Ledger.Chains;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Ledger.Transfers;
using StratosBridge.Ledger.Watching;
using StratosBridge.Relayer.Configuration;

namespace StratosBridge.Api.Transfers;

/// <summary>
/// Following a transfer: <c>GET /v1/transfers/{chain}/{txHash}</c> (every transfer of one source transaction, and the
/// logs in it from a watched contract that could not be decoded: failed source events with their reason) and
/// <c>GET /v1/wallets/{address}/transfers</c> (a wallet's transfers, as recipient or sender, newest first, paged).
/// </summary>
public static class TransferEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/transfers/{chain}/{txHash}", BySourceAsync).WithName("GetTransfersBySource").WithMetadata(new ProblemCodes(404, "unsupported-chain", "transfer-not-found"), new ProblemCodes(422, "invalid-tx-hash")).RequireRateLimiting(AnonymousRateLimits.Lookups);
        v1.MapGet("/wallets/{address}/transfers", ByWalletAsync).WithName("GetWalletTransfers").WithMetadata(new ProblemCodes(422, WalletAddress.InvalidAddress, PageRequest.InvalidLimit)).RequireRateLimiting(AnonymousRateLimits.Lookups);
    }

    private static async Task<Results<Ok<TransferList>, ProblemHttpResult>> BySourceAsync(string chain, string txHash,
        TransferQueries transfers, FailedSourceEventQueries failures, ChainProgressQueries progress, IOptions<ChainsOptions> chains,
        PauseStore pauses, CancellationToken ct)
    {
        if (!chains.Value.ContainsKey(chain))
        {
            return ApiProblem.NotFound("unsupported-chain", "Unsupported chain",
                $"{ApiProblem.Quote(chain)} is not a configured chain; configured: {string.Join(", ", chains.Value.Keys.Order(StringComparer.Ordinal))}");
        }
        if (!(txHash.Length == 66 && txHash[0] == '0' && txHash[1] is 'x' or 'X' && Hex.TryDecode(txHash, out var hash)))
        {
            return ApiProblem.Invalid("invalid-tx-hash", "Invalid transaction hash",
                $"{ApiProblem.Quote(txHash)} is not a transaction hash: expected 0x followed by 64 hex digits");
        }
        var found = await transfers.BySourceAsync(chain, Hex.Encode(hash), ct);
        var failed = await failures.BySourceAsync(chain, Hex.Encode(hash), ct);
        if (found.Count == 0 && failed.Count == 0)
        {
            return ApiProblem.NotFound("transfer-not-found", "Transfer not found",
                $"no transfer comes from transaction {Hex.Encode(hash)} on {chain} (yet: a lock shows up once the watcher has seen its block)");
        }
        return TypedResults.Ok(new TransferList(await PresentAsync(found, progress, chains.Value, pauses, ct),
            failed.Select(FailedSourceEventView.Of).ToList()));
    }

    private static async Task<Results<Ok<WalletTransferPage>, ProblemHttpResult>> ByWalletAsync(string address,
        [FromQuery] string? limit, [FromQuery] string? before,
        TransferQueries transfers, ChainProgressQueries progress, IOptions<ChainsOptions> chains, PauseStore pauses, CancellationToken ct)
    {
        if (!WalletAddress.TryParse(address, out var wallet, out var error))
        {
            return ApiProblem.Invalid(WalletAddress.InvalidAddress, "Invalid wallet address", error);
        }
        if (!PageRequest.TryParse(limit, before, out var request, out var problem))
        {
            return problem;
        }
        var page = await transfers.ByWalletAsync(wallet.ToLowerHex(), request.Limit, request.Before, ct);
        return TypedResults.Ok(new WalletTransferPage(await PresentAsync(page.Transfers, progress, chains.Value, pauses, ct),
            page.NextBefore?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The transfers as the API shows them, with their source chains' progress and the pauses in force.</summary>
    internal static async Task<IReadOnlyList<TransferView>> PresentAsync(IReadOnlyList<TransferDetail> found, ChainProgressQueries progress,
        ChainsOptions chains, PauseStore pauses, CancellationToken ct)
    {
        if (found.Count == 0)
        {
            return [];
        }
        var sourceChains = found.Select(t => t.SourceChain).Distinct().ToList();
        return TransferViews.Present(found, chains, await progress.ReadAsync(sourceChains, ct), await pauses.InForceAsync(ct), DateTimeOffset.UtcNow);
    }
}
