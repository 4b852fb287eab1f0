using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Core.Pauses;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Relayer.Safety;

/// <summary>
/// Recurring (<see cref="SafetyOptions.ReconciliationCron"/>): checks that the chains and the ledger agree, exactly, in base units.
/// <list type="bullet">
/// <item><b>per route</b> S → D: the S vault's <c>totalLocked</c> (at the block the ledger has recorded S through) equals the
/// D vault's <c>totalReleased</c> + the S vault's <c>totalRefunded</c> + the route's transfers in the ledger not yet released
/// nor refunded (<see cref="RouteFigures"/>). Chains and ledger cannot be read at one instant, so a difference is read again
/// after <see cref="SafetyOptions.ConfirmDelay"/>: only the same difference twice is a breach;</item>
/// <item><b>per pay chain</b> (each OzonePayments contract, Solana Pay, cards): the final payments equal those credited +
/// unmatched + awaiting the matcher (<see cref="PaymentTotals"/>; one statement, one snapshot).</item>
/// </list>
/// A breach pauses the route (or the chain's credits) with origin <c>reconciliation</c> and the numbers, and raises an
/// <c>ALARM</c>; each result is kept for <c>/v1/status</c>. Only an operator clears a breach (resuming its pause accepts the
/// difference as it was). Reentrant: a second run at once writes the same results, and the ledger keeps one pause per scope.
/// </summary>
public sealed class ReconciliationJob(ChainClients chains, BridgeRoutes routes, PauseStore pauses, ReconciliationQueries ledger,
    IOptions<SafetyOptions> options, ILogger<ReconciliationJob> logger)
{
    public const string Id = "reconciliation";

    public const string Actor = "system:reconciliation";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The check key of route <paramref name="source"/> → <paramref name="destination"/>.</summary>
    public static string RouteKey(string source, string destination) => $"route:{source}>{destination}";

    /// <summary>The check key of the payments made on <paramref name="chain"/>.</summary>
    public static string PaymentsKey(string chain) => $"payments:{chain}";

    [DisplayName("Reconcile vaults and payments with the ledger")]
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var source in chains.Names)
        {
            foreach (var (destination, sourceVault) in routes.VaultsOn(source))
            {
                try
                {
                    await RouteAsync(source, destination, sourceVault, ct);
                }
                catch (Exception e) when (Outage.Is(e) && !ct.IsCancellationRequested)
                {
                    logger.LogWarning("Cannot reconcile route {Source} → {Destination} now: {Error}", source, destination, e.Message);
                }
            }
        }
        foreach (var totals in await ledger.PaymentTotalsAsync(ct))
        {
            await PaymentsAsync(totals, ct);
        }
    }

    private async Task RouteAsync(string source, string destination, Chains.Evm.EthAddress sourceVault, CancellationToken ct)
    {
        if (routes.ReleasingVault(destination, source) is not { } destinationVault)
        {
            return;
        }
        var key = RouteKey(source, destination);
        var accepted = await pauses.AcceptedAsync(key, ct);
        var first = await RouteFiguresAsync(source, destination, sourceVault, destinationVault, ct);
        if (first is null)
        {
            return; // the watcher has recorded nothing of the source yet
        }
        var figures = first;
        var breach = false;
        if (first.Difference != accepted)
        {
            await Task.Delay(options.Value.ConfirmDelay, ct);
            figures = await RouteFiguresAsync(source, destination, sourceVault, destinationVault, ct) ?? first;
            breach = figures.Difference == first.Difference;
        }
        var numbers = new Dictionary<string, object?>
        {
            ["sourceVault"] = sourceVault.ToString(), ["destinationVault"] = destinationVault.ToString(),
            ["throughBlock"] = figures.ThroughBlock, ["locked"] = Text(figures.Locked), ["released"] = Text(figures.Released),
            ["refunded"] = Text(figures.Refunded), ["open"] = figures.Open.ToDictionary(s => s.Key, s => Text(s.Value)),
            ["difference"] = Text(figures.Difference), ["accepted"] = Text(accepted),
        };
        var note = figures.Difference == accepted ? null
            : breach ? $"locked {figures.Locked} ≠ released {figures.Released} + refunded {figures.Refunded} + open in the ledger " +
                       $"{figures.Open.Values.Aggregate(BigInteger.Zero, (a, b) => a + b)} (difference {figures.Difference})"
            : "the figures moved between two reads (work in flight); checked again next run";
        await pauses.RecordCheckAsync(key, "route", figures.Difference, JsonSerializer.Serialize(numbers, Json), note, ct);
        if (breach)
        {
            await BreachAsync(figures.Difference, new NewPause(PauseScope.Route, source, destination, PauseOrigin.Reconciliation,
                $"reconciliation breach on route {source} → {destination}: {note}", Actor, key, JsonSerializer.Serialize(numbers, Json)), ct);
        }
    }

    private async Task<RouteFigures?> RouteFiguresAsync(string source, string destination, Chains.Evm.EthAddress sourceVault,
        Chains.Evm.EthAddress destinationVault, CancellationToken ct)
    {
        if (await ledger.CheckpointAsync(source, ct) is not { } through)
        {
            return null;
        }
        // The ledger first, then the destination at one block: a transfer completed in the ledger was mined before that block,
        // and each one in flight is asked of the vault at that block (released already, it is counted once, as released).
        // Left to the second read: a transfer claimed, signed and mined between the two, and a refund mined but not settled.
        var (byStatus, submitted) = await ledger.RouteAsync(source, destination, through, ct);
        var sourceRpc = chains.Rpc(source);
        var destinationRpc = chains.Rpc(destination);
        var at = await destinationRpc.BlockNumberAsync(ct);
        var locked = await sourceRpc.QueryAsync<BigInteger>(sourceVault, new StosVaultContract.TotalLockedFunction(), through, ct);
        var refunded = await sourceRpc.QueryAsync<BigInteger>(sourceVault, new StosVaultContract.TotalRefundedFunction(), ct: ct);
        var released = await destinationRpc.QueryAsync<BigInteger>(destinationVault, new StosVaultContract.TotalReleasedFunction(), at, ct);
        var ledgerFigures = byStatus.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        foreach (var (releaseId, amount) in submitted)
        {
            var content = await destinationRpc.QueryAsync<byte[]>(destinationVault,
                new StosVaultContract.UsedContentFunction { SourceEventId = Chains.Evm.Hex.Decode(releaseId) }, at, ct);
            var bucket = content.Any(b => b != 0) ? RouteFigures.Settling : "submitted";
            ledgerFigures[bucket] = ledgerFigures.GetValueOrDefault(bucket) + amount;
        }
        return new RouteFigures(through, locked, released, refunded, ledgerFigures);
    }

    private async Task PaymentsAsync(PaymentTotals totals, CancellationToken ct)
    {
        var key = PaymentsKey(totals.Chain);
        var accepted = await pauses.AcceptedAsync(key, ct);
        var breach = totals.Difference != accepted;
        var numbers = new Dictionary<string, object?>
        {
            ["payments"] = totals.Count, ["final"] = Text(totals.Final), ["credited"] = Text(totals.Credited),
            ["unmatched"] = Text(totals.Unmatched), ["awaiting"] = Text(totals.Awaiting), ["difference"] = Text(totals.Difference),
            ["accepted"] = Text(accepted),
        };
        var note = breach
            ? $"final payments {totals.Final} ≠ credited {totals.Credited} + unmatched {totals.Unmatched} + awaiting the matcher {totals.Awaiting} " +
              $"(difference {totals.Difference}, in the chain's base unit)"
            : null;
        var json = JsonSerializer.Serialize(numbers, Json);
        await pauses.RecordCheckAsync(key, "payments", totals.Difference, json, note, ct);
        if (breach)
        {
            await BreachAsync(totals.Difference, new NewPause(PauseScope.Credits, totals.Chain, null, PauseOrigin.Reconciliation,
                $"reconciliation breach in the payments of {totals.Chain}: {note}", Actor, key, json), ct);
        }
    }

    private async Task BreachAsync(BigInteger difference, NewPause pause, CancellationToken ct)
    {
        if (await pauses.BreachAsync(pause, difference, ct) is ({ } row, true))
        {
            logger.LogError("ALARM {Reason}: pause {PauseId} ({Covers}) until an operator resumes it (admin API, /v1/admin/pauses)",
                pause.Reason, row.Pause.Id, row.Pause.Covers);
        }
    }

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
