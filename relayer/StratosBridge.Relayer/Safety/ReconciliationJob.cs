using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Core.Pauses;
using StratosBridge.Core.Quotes;
using StratosBridge.Core.Telemetry;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Payments;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Relayer.Safety;

/// <summary>
/// Recurring (<see cref="SafetyOptions.ReconciliationCron"/>): checks that the chains, the card processor and the ledger agree.
/// <list type="bullet">
/// <item><b>per route</b> S → D: the S vault's <c>totalLocked</c> (at the block the ledger has recorded S through) equals the
/// D vault's <c>totalReleased</c> + the S vault's <c>totalRefunded</c> + the route's transfers in the ledger not yet released
/// nor refunded (<see cref="RouteFigures"/>). Chains and ledger cannot be read at one instant, so a difference is read again
/// after <see cref="SafetyOptions.ConfirmDelay"/>: only the same difference twice is a breach;</item>
/// <item><b>per pay chain</b> (each OzonePayments contract, Solana Pay, cards): the final payments equal those credited +
/// unmatched + awaiting the matcher (<see cref="PaymentTotals"/>; one statement, one snapshot);</item>
/// <item><b>the Ozone bought</b>: each completed credit's <c>purchased_noz</c> is within
/// <see cref="SafetyOptions.PurchasedNozTolerancePpm"/> of its <c>quoted_noz</c>; the difference is the sum of |purchased −
/// quoted| over those outside (<see cref="OzoneBoughtTotals"/>). A breach pauses all credits;</item>
/// <item><b>the relayer's float</b>: its STOS on the Stratos chain covers what the open credits still have to prepay
/// (<see cref="FloatFigures"/>, the balance and the transaction count read at one block); the difference is the shortfall,
/// judged by <see cref="ReconciliationRule.Shortfall"/>. A breach pauses all credits;</item>
/// <item><b>cards</b> (when card payments are on): what Stripe reports paid for our checkouts equals what the ledger accounts
/// for (<see cref="CardFigures"/>: card payments, held and reversed checkouts, and paid checkouts still unfulfilled until
/// <see cref="SafetyOptions.CardFulfilmentGrace"/> after they expired, a webhook on its way), read again after
/// <see cref="SafetyOptions.ConfirmDelay"/> as routes are. A breach pauses cards.</item>
/// </list>
/// A breach pauses the route or feature with origin <c>reconciliation</c> and the numbers, and raises an <c>ALARM</c>; each
/// result is kept for <c>/v1/status</c> and counted in the metrics. Only an operator clears a breach (resuming its pause accepts
/// the difference as it was). Reentrant: a second run at once writes the same results, and the ledger keeps one pause per scope.
/// </summary>
public sealed class ReconciliationJob(ChainClients chains, BridgeRoutes routes, PauseStore pauses, ReconciliationQueries ledger,
    IOptions<SafetyOptions> options, ILogger<ReconciliationJob> logger, RelayKeys? keys = null, IPaidCheckouts? cards = null)
{
    public const string Id = "reconciliation";

    public const string Actor = "system:reconciliation";

    /// <summary>The check key of the Ozone the completed credits bought.</summary>
    public const string OzoneKey = "credits:ozone";

    /// <summary>The check key of card payments (Stripe against the ledger).</summary>
    public const string CardsKey = "cards";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The check key of route <paramref name="source"/> → <paramref name="destination"/>.</summary>
    public static string RouteKey(string source, string destination) => $"route:{source}>{destination}";

    /// <summary>The check key of the payments made on <paramref name="chain"/>.</summary>
    public static string PaymentsKey(string chain) => $"payments:{chain}";

    /// <summary>The check key of the relayer's float on <paramref name="chain"/> (the Stratos chain).</summary>
    public static string FloatKey(string chain) => $"float:{chain}";

    [DisplayName("Reconcile vaults, payments, credits, the relayer's float and cards with the ledger")]
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var source in chains.Names)
        {
            foreach (var (destination, sourceVault) in routes.VaultsOn(source))
            {
                await GuardedAsync(RouteKey(source, destination), () => RouteAsync(source, destination, sourceVault, ct), ct);
            }
        }
        foreach (var totals in await ledger.PaymentTotalsAsync(ct))
        {
            await PaymentsAsync(totals, ct);
        }
        await GuardedAsync(OzoneKey, () => OzoneBoughtAsync(ct), ct);
        if (OzoneCreditWorker.StratosChain(chains) is { } stratos && keys is not null)
        {
            await GuardedAsync(FloatKey(stratos), () => FloatAsync(stratos, keys.Signer.Address.ToLowerHex(), ct), ct);
        }
        if (cards is not null)
        {
            await GuardedAsync(CardsKey, () => CardsAsync(cards, ct), ct);
        }
    }

    /// <summary>Runs one check; a node, the ledger or the card processor that cannot answer now leaves its last result as it is.</summary>
    private async Task GuardedAsync(string key, Func<Task> check, CancellationToken ct)
    {
        try
        {
            await check();
        }
        catch (Exception e) when ((Outage.Is(e) || e is CardProcessorUnavailableException) && !ct.IsCancellationRequested)
        {
            BridgeMetrics.RecordReconciliationError(key);
            logger.LogWarning("Cannot reconcile {Check} now: {Error}", key, e.Message);
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
        var (figures, confirmed) = await ConfirmedAsync(() => RouteFiguresAsync(source, destination, sourceVault, destinationVault, ct),
            f => f.Difference, accepted, ct);
        if (figures is null)
        {
            return; // the watcher has recorded nothing of the source yet
        }
        var numbers = new Dictionary<string, object?>
        {
            ["sourceVault"] = sourceVault.ToString(), ["destinationVault"] = destinationVault.ToString(),
            ["throughBlock"] = figures.ThroughBlock, ["locked"] = Text(figures.Locked), ["released"] = Text(figures.Released),
            ["refunded"] = Text(figures.Refunded), ["open"] = figures.Open.ToDictionary(s => s.Key, s => Text(s.Value)),
            ["difference"] = Text(figures.Difference), ["accepted"] = Text(accepted),
        };
        var note = figures.Difference == accepted ? null
            : confirmed ? $"locked {figures.Locked} ≠ released {figures.Released} + refunded {figures.Refunded} + open in the ledger " +
                          $"{figures.Open.Values.Aggregate(BigInteger.Zero, (a, b) => a + b)} (difference {figures.Difference})"
            : "the figures moved between two reads (work in flight); checked again next run";
        await ReportAsync(key, "route", ReconciliationRule.Exact, figures.Difference, StosDecimals, numbers, note, confirmed,
            json => new NewPause(PauseScope.Route, source, destination, PauseOrigin.Reconciliation,
                $"reconciliation breach on route {source} → {destination}: {note}", Actor, key, json), ct);
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
        var locked = await sourceRpc.QueryAsync<BigInteger>(sourceVault, new StosVaultContract.TotalLockedFunction(), EvmBlocks.Number(through), ct);
        var refunded = await sourceRpc.QueryAsync<BigInteger>(sourceVault, new StosVaultContract.TotalRefundedFunction(), ct: ct);
        var released = await destinationRpc.QueryAsync<BigInteger>(destinationVault, new StosVaultContract.TotalReleasedFunction(), EvmBlocks.Number(at), ct);
        var ledgerFigures = byStatus.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        foreach (var (releaseId, amount) in submitted)
        {
            var content = await destinationRpc.QueryAsync<byte[]>(destinationVault,
                new StosVaultContract.UsedContentFunction { SourceEventId = Chains.Evm.Hex.Decode(releaseId) }, EvmBlocks.Number(at), ct);
            var bucket = content.Any(b => b != 0) ? RouteFigures.Settling : "submitted";
            ledgerFigures[bucket] = ledgerFigures.GetValueOrDefault(bucket) + amount;
        }
        return new RouteFigures(through, locked, released, refunded, ledgerFigures);
    }

    private async Task PaymentsAsync(PaymentTotals totals, CancellationToken ct)
    {
        var key = PaymentsKey(totals.Chain);
        var accepted = await pauses.AcceptedAsync(key, ct);
        var numbers = new Dictionary<string, object?>
        {
            ["payments"] = totals.Count, ["final"] = Text(totals.Final), ["credited"] = Text(totals.Credited),
            ["unmatched"] = Text(totals.Unmatched), ["awaiting"] = Text(totals.Awaiting), ["difference"] = Text(totals.Difference),
            ["accepted"] = Text(accepted),
        };
        var note = totals.Difference != accepted
            ? $"final payments {totals.Final} ≠ credited {totals.Credited} + unmatched {totals.Unmatched} + awaiting the matcher {totals.Awaiting} " +
              $"(difference {totals.Difference}, in the chain's base unit)"
            : null;
        await ReportAsync(key, "payments", ReconciliationRule.Exact, totals.Difference, PayAssets.OfChain(totals.Chain)?.Decimals() ?? 0, numbers,
            note, true, json => new NewPause(PauseScope.Credits, totals.Chain, null, PauseOrigin.Reconciliation,
                $"reconciliation breach in the payments of {totals.Chain}: {note}", Actor, key, json), ct);
    }

    private async Task OzoneBoughtAsync(CancellationToken ct)
    {
        var ppm = options.Value.PurchasedNozTolerancePpm;
        var totals = await ledger.OzoneBoughtAsync(ppm, ct);
        var numbers = new Dictionary<string, object?>
        {
            ["tolerancePpm"] = ppm, ["checked"] = totals.Checked, ["quotedNoz"] = Text(totals.Quoted), ["purchasedNoz"] = Text(totals.Purchased),
            ["notReadYet"] = totals.Unread, ["unquoted"] = totals.Unquoted, ["outside"] = totals.Outside, ["outsideNet"] = Text(totals.OutsideNet),
            ["worstCredits"] = totals.WorstCredits, ["difference"] = Text(totals.Difference),
        };
        var note = totals.Outside == 0 ? null
            : $"{totals.Outside} completed credit(s) bought Ozone outside ±{ppm} ppm (at least 1 noz) of their quote (credits " +
              $"{string.Join(", ", totals.WorstCredits)}{(totals.Outside > totals.WorstCredits.Count ? ", …" : "")}): |purchased − quoted| " +
              $"sums to {totals.Difference} noz (purchased − quoted {totals.OutsideNet})";
        await ReportAsync(OzoneKey, "credits", ReconciliationRule.Exact, totals.Difference, OzoneDecimals, numbers, note, true,
            json => new NewPause(PauseScope.Credits, null, null, PauseOrigin.Reconciliation,
                $"reconciliation breach in the Ozone the credits bought: {note}", Actor, OzoneKey, json), ct);
    }

    private async Task FloatAsync(string chain, string signer, CancellationToken ct)
    {
        // The chain first, at one block, then the ledger: a credit prepaid by then is either completed in the ledger or
        // submitted with a nonce the chain has used (its STOS left the balance already); anything signed after that block is
        // still in the balance read and counted as needed.
        var rpc = chains.Rpc(chain);
        var at = await rpc.BlockNumberAsync(ct);
        var balance = await rpc.GetBalanceAsync(signer, EvmBlocks.Number(at), ct);
        var confirmed = await rpc.GetTransactionCountAsync(signer, EvmBlocks.Number(at), ct);
        var open = await ledger.OpenCreditsAsync(chain, signer, confirmed, ct);
        var figures = new FloatFigures(chain, signer, at, balance, confirmed, open);
        var numbers = new Dictionary<string, object?>
        {
            ["signer"] = signer, ["block"] = at, ["balance"] = Text(balance), ["needed"] = Text(open.Needed),
            ["ready"] = Text(open.Ready), ["readyCredits"] = open.ReadyCount, ["submitted"] = Text(open.Submitted),
            ["submittedCredits"] = open.SubmittedCount, ["minedNotSettled"] = Text(open.Mined), ["minedNotSettledCredits"] = open.MinedCount,
            ["parked"] = Text(open.Parked), ["parkedCredits"] = open.ParkedCount, ["difference"] = Text(figures.Shortfall),
        };
        var note = figures.Shortfall.IsZero ? null
            : $"the relayer {signer} holds {balance} wei on {chain} at block {at}; the open credits need {open.Needed} ({open.ReadyCount} ready, " +
              $"{open.SubmittedCount} submitted and not mined): short {figures.Shortfall} wei. Fund {signer}";
        var key = FloatKey(chain);
        await ReportAsync(key, "float", ReconciliationRule.Shortfall, figures.Shortfall, StosDecimals, numbers, note, true,
            json => new NewPause(PauseScope.Credits, null, null, PauseOrigin.Reconciliation,
                $"reconciliation breach in the relayer's float on {chain}: {note}", Actor, key, json), ct);
    }

    private async Task CardsAsync(IPaidCheckouts processor, CancellationToken ct)
    {
        var accepted = await pauses.AcceptedAsync(CardsKey, ct);
        var (figures, confirmed) = await ConfirmedAsync(async () =>
        {
            var paid = await processor.PaidAsync(ct);
            return new CardFigures(paid.Count, paid.Values.Sum(), await ledger.CardsAsync(paid, options.Value.CardFulfilmentGrace, ct));
        }, f => f.Difference, accepted, ct);
        var l = figures!.Ledger;
        var numbers = new Dictionary<string, object?>
        {
            ["stripePaidSessions"] = figures.StripeSessions, ["stripePaidCents"] = figures.StripePaid, ["ledgerPayments"] = l.PaymentCount,
            ["ledgerPaymentCents"] = l.Payments, ["heldCheckouts"] = l.HeldCount, ["heldCents"] = l.Held, ["reversedUnrecordedCheckouts"] = l.ReversedCount,
            ["reversedUnrecordedCents"] = l.ReversedUnrecorded, ["awaitingFulfilment"] = l.AwaitingCount, ["awaitingFulfilmentCents"] = l.Awaiting,
            ["missingInLedger"] = l.Missing, ["unknownToStripe"] = l.Unknown,
            ["difference"] = figures.Difference.ToString(CultureInfo.InvariantCulture), ["accepted"] = Text(accepted),
        };
        var note = figures.Difference == accepted ? null
            : confirmed ? $"Stripe reports {figures.StripeSessions} paid checkout(s) for {figures.StripePaid} cents; the ledger accounts for " +
                          $"{l.Accounted} (card payments {l.Payments}, held {l.Held}, reversed before recording {l.ReversedUnrecorded}, " +
                          $"awaiting fulfilment {l.Awaiting}): " +
                          $"difference {figures.Difference} cents" +
                          (l.Missing.Count > 0 ? $"; paid at Stripe, unknown to the ledger: {string.Join(", ", l.Missing)}" : "") +
                          (l.Unknown.Count > 0 ? $"; in the ledger, not paid at Stripe: {string.Join(", ", l.Unknown)}" : "")
            : "the figures moved between two reads (a checkout being fulfilled); checked again next run";
        await ReportAsync(CardsKey, "cards", ReconciliationRule.Exact, figures.Difference, CentsDecimals, numbers, note, confirmed,
            json => new NewPause(PauseScope.Cards, null, null, PauseOrigin.Reconciliation,
                $"reconciliation breach in the card payments: {note}", Actor, CardsKey, json), ct);
    }

    /// <summary>
    /// Reads a check's figures; when their difference is not the accepted one, reads them again after
    /// <see cref="SafetyOptions.ConfirmDelay"/> (two sources cannot be read at one instant). Confirmed: the difference is the
    /// accepted one, or the same twice.
    /// </summary>
    private async Task<(T? Figures, bool Confirmed)> ConfirmedAsync<T>(Func<Task<T?>> read, Func<T, BigInteger> difference, BigInteger accepted,
        CancellationToken ct) where T : class
    {
        if (await read() is not { } first)
        {
            return (null, false);
        }
        if (difference(first) == accepted)
        {
            return (first, true);
        }
        await Task.Delay(options.Value.ConfirmDelay, ct);
        var second = await read() ?? first;
        return (second, difference(second) == difference(first));
    }

    /// <summary>
    /// Records a check's result (ok as its <paramref name="rule"/> judges it against the accepted difference, in the ledger) and
    /// counts it; a confirmed result that is not ok pauses <paramref name="breach"/>'s scope with an <c>ALARM</c>. A check that
    /// newly fails while its scope is paused already (by another check's breach) raises its own <c>ALARM</c> too.
    /// </summary>
    private async Task ReportAsync(string key, string kind, ReconciliationRule rule, BigInteger difference, int decimals,
        Dictionary<string, object?> numbers, string? note, bool confirmed, Func<string, NewPause> breach, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(numbers, Json);
        var (wasOk, ok) = await pauses.RecordCheckAsync(key, kind, difference, json, note, rule, ct);
        BridgeMetrics.RecordReconciliation(key, ok || !confirmed, (double)difference / Math.Pow(10, decimals)); // moved between reads: not a breach
        if (ok || !confirmed)
        {
            return;
        }
        var pause = breach(json);
        if (await pauses.BreachAsync(pause, difference, ct) is not ({ } row, var created))
        {
            return;
        }
        if (created)
        {
            logger.LogError("ALARM {Reason}: pause {PauseId} ({Covers}) until an operator resumes it (admin API, /v1/admin/pauses)",
                pause.Reason, row.Pause.Id, row.Pause.Covers);
        }
        else if (wasOk)
        {
            logger.LogError("ALARM {Reason}: {Covers} is paused already (pause {PauseId}, for {PausedFor}); this check stays breached until an " +
                            "operator clears it too", pause.Reason, row.Pause.Covers, row.Pause.Id, row.CheckKey ?? row.Pause.Reason);
        }
    }

    /// <summary>Decimals of each check's unit in the metrics: STOS (wei), OZ (noz), USD (cents); payments in their coin.</summary>
    private const int StosDecimals = 18;

    private const int OzoneDecimals = 9;

    private const int CentsDecimals = 2;

    private static string Text(BigInteger value) => value.ToString(CultureInfo.InvariantCulture);
}
