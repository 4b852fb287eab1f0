using System.Numerics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Evm.Submitting;
using StratosBridge.Chains.Evm.Transactions;
using StratosBridge.Chains.Stratos.Prepay;
using StratosBridge.Core.Background;
using StratosBridge.Core.Quotes;
using StratosBridge.Ledger.OutgoingTxs;
using StratosBridge.Ledger.Pauses;
using StratosBridge.Ledger.Relaying;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Wakeups;
using StratosBridge.Pricing.Aggregation;
using StratosBridge.Pricing.Feeds;
using StratosBridge.Pricing.Ozone;
using StratosBridge.Pricing.Quotes;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Jobs;
using StratosBridge.Relayer.Relaying;

namespace StratosBridge.Relayer.Payments;

/// <summary>
/// The credit worker (<c>jobs</c> role) turns final payments into Ozone. Each round it
/// <list type="number">
/// <item><b>matches</b> final payments to their quotes by <see cref="PaymentPolicy"/> (one decision per payment, under a
/// lock on the quote, a round's decisions in one transaction), creating a credit for each matched payment;</item>
/// <item><b>follows</b> its prepay transactions on Stratos (<see cref="OutgoingTxFollower"/>): a receipt with the
/// SystemContract's <c>MsgExecuted</c> for our signer and <c>MsgPrepay</c> completes the credit; a revert puts it back
/// with the decoded reason and a back-off;</item>
/// <item><b>confirms</b> the payment behind each claimed credit with the chain's independent endpoints
/// (<see cref="PaymentConfirmation"/>, M of N): a credit whose payment is not confirmed is dropped from the round and waits,
/// with the reason, for the back-off; it is never signed on the watcher's node's word alone;</item>
/// <item><b>submits</b> ready, confirmed credits: <c>runMsg(Any(MsgPrepay{sender = relayer, beneficiary, amount = [X wei]}))</c> to
/// the SystemContract, one transaction each, the round's all at once: checked by gas estimation (one JSON-RPC batch) and
/// against the relayer's balance (spent as the round goes), then sign → persist (consecutive nonces, raw transactions,
/// credits → submitted: one database transaction) → broadcast (one JSON-RPC batch, lowest nonce first);</item>
/// </list>
/// What each completed prepay bought is read by <see cref="Jobs.PurchasedOzoneJob"/>.
/// A credit with a persisted transaction is never claimed again until that transaction settles, so a worker killed at
/// any line re-sends the same bytes and the beneficiary is prepaid exactly once.
/// </summary>
public sealed class OzoneCreditWorker(
    PaymentStore payments,
    CreditStore credits,
    PauseStore pauses,
    OutgoingTxFollower outgoing,
    ChainClients chains,
    PriceOracle prices,
    PaymentConfirmation confirmation,
    LedgerWakeups wakeups,
    IOptions<CreditOptions> options,
    IOptions<RelayOptions> relay,
    IOptions<JobsOptions> instance,
    ILogger<OzoneCreditWorker> logger) : BackgroundService
{
    /// <summary>Refusals of the message itself (not of the moment): waiting cannot make them pass.</summary>
    private static readonly HashSet<string> PermanentErrors = ["MalformedAny", "NotAllowedSigner"];

    private string Worker => $"credit:{instance.Value.ResolvedInstanceId}";

    /// <summary>The configured chain that has Stratos' SystemContract, or null (then nothing is credited).</summary>
    public static string? StratosChain(ChainClients chains) =>
        chains.Names.FirstOrDefault(n => chains.Options(n).Contracts.SystemContract is { Length: > 0 });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stratos = StratosChain(chains);
        logger.LogInformation("Credit worker {Worker} started: prepays on {Chain} from {Signer}", Worker, stratos ?? "(no chain has a SystemContract)",
            outgoing.Signer);
        confirmation.WarnOfUnconfirmedSources();
        var loop = new BackgroundLoop("Credit worker", relay.Value.PollInterval, relay.Value.MaxBackoff, logger)
        {
            IsExpected = Outage.Is,
            WakeOn = wakeups.Subscribe(LedgerWakeups.Tables.Payments, LedgerWakeups.Tables.Credits),
        };
        await loop.RunAsync(async ct =>
        {
            var busy = await MatchAsync(ct) > 0;
            var inFlight = false;
            if (stratos is not null)
            {
                inFlight = await outgoing.FollowAsync(stratos, CreditStore.Purpose, Worker,
                    (rows, mined, receipt) => SettleAsync(stratos, rows, mined, receipt, ct),
                    (rows, note) => ParkAsync(rows, note, ct), ct);
                busy |= await SubmitAsync(stratos, ct);
            }
            // with prepays in flight, their receipts are looked for on each new head; else sleep until woken or the poll
            return busy ? LoopRound.Busy : inFlight ? LoopRound.After(relay.Value.HeadPollInterval) : LoopRound.Idle;
        }, stoppingToken);
    }

    /// <summary>Decides the final payments due for matching, up to 100 in one transaction. Returns how many were decided.</summary>
    private async Task<int> MatchAsync(CancellationToken ct)
    {
        var results = await payments.MatchDueAsync((payment, quote, earlier) =>
            PaymentPolicy.Decide(payment, quote, earlier, options.Value.TolerancePercent, CurrentRates, options.Value.PriceRetry), 100, ct);
        var decided = 0;
        foreach (var (payment, quote, decision) in results)
        {
            if (decision.Wait is not null)
            {
                logger.LogInformation("Payment {TxHash} on {Chain} waits: {Note}", payment.TxHash, payment.Chain, decision.Note);
                continue;
            }
            decided++;
            if (decision.Credit is { } credit)
            {
                logger.LogInformation("Payment {TxHash} on {Chain} for quote {QuoteId}: {Outcome}, crediting {StosWei} STOS wei of Ozone to {Beneficiary}",
                    payment.TxHash, payment.Chain, payment.QuoteId, decision.Outcome, credit.StosWei, quote?.Beneficiary);
            }
            else
            {
                logger.LogWarning("ALARM payment {TxHash} on {Chain} is unmatched ({Outcome}): {Note}", payment.TxHash, payment.Chain,
                    decision.Outcome, decision.Note);
            }
        }
        return decided;
    }

    private (decimal StosUsd, decimal AssetUsd)? CurrentRates(PayAsset asset, out string? unavailable)
    {
        var stos = prices.Evaluate(QuotePricer.Stos);
        var paid = prices.Evaluate(asset.Symbol());
        if (stos.Status != PriceStatus.Ok || paid.Status != PriceStatus.Ok)
        {
            unavailable = stos.Status != PriceStatus.Ok ? $"STOS/USD: {stos.Reason}" : $"{asset.Symbol()}/USD: {paid.Reason}";
            return null;
        }
        unavailable = null;
        return (stos.Value!.Value, paid.Value!.Value);
    }

    /// <summary>
    /// Settles a mined prepay. With our <c>MsgExecuted(MsgPrepay)</c> the credit completes. A revert sends it back to
    /// <c>ready</c> with the decoded reason and a back-off (nothing was bought). A receipt that <i>succeeded</i> without a
    /// MsgExecuted we recognise parks it as <c>needs-operator</c>: the prepay may well have bought the Ozone, and MsgPrepay has
    /// no on-chain used-id check, so only a person may decide to send another.
    /// </summary>
    private async Task SettleAsync(string chain, IReadOnlyList<OutgoingTxRow> rows, OutgoingTxRow mined, TransactionReceipt receipt,
        CancellationToken ct)
    {
        if (receipt.Succeeded() && receipt.Logs.Any(IsOurPrepay))
        {
            await credits.CompleteAsync(rows, mined, receipt.BlockNumber.ToLong(), Worker, ct);
            logger.LogInformation("Prepay {TxHash} executed on {Chain} in block {Block}", mined.TxHash, chain, receipt.BlockNumber.ToLong());
            return;
        }
        if (receipt.Succeeded())
        {
            var why = $"prepay {mined.TxHash} succeeded in block {receipt.BlockNumber.ToLong()} but its receipt has no MsgExecuted(MsgPrepay) for the relayer: " +
                      "it may have bought the Ozone; an operator settles the credit (naming the transaction) or retries it";
            var parked = await credits.ParkAsync(rows, mined, receipt.BlockNumber.ToLong(), why, Worker, ct);
            logger.LogError("ALARM credit(s) {CreditIds} need an operator: {Reason}", parked, why);
            return;
        }
        var tx = SignedTransaction.Decode(mined.RawTx);
        var call = new CallInput { To = tx.Transaction.To?.ToLowerHex(), Data = Hex.Encode(tx.Transaction.Data), From = tx.Sender.ToLowerHex(), Gas = new HexBigInteger((long)tx.Transaction.GasLimit) };
        var reason = await ContractReverts.ReplayAsync(chains.Rpc(chain), call, receipt.BlockNumber.ToLong(), StratosSystemContract.Binding, ct);
        var failure = $"runMsg {mined.TxHash} reverted: {reason?.ToString() ?? "no reason on replay"}";
        var retried = await credits.RetryRevertedAsync(rows, mined, receipt.BlockNumber.ToLong(), failure, relay.Value.Backoff, Worker, ct);
        logger.LogWarning("Prepay {TxHash} on {Chain} reverted: {Failure}; the credit will be retried", mined.TxHash, chain, failure);
        AlarmOnAttempts(retried, failure);
    }

    /// <summary>Another transaction took the prepay's nonce: the credit waits for an operator (never re-signed automatically).</summary>
    private async Task ParkAsync(IReadOnlyList<OutgoingTxRow> rows, string note, CancellationToken ct)
    {
        var why = $"{note}; the prepay was not sent: an operator retries the credit (or settles it, naming a prepay of ours that did buy it)";
        var parked = await credits.NonceTakenAsync(rows, why, Worker, ct);
        logger.LogError("ALARM credit(s) {CreditIds} need an operator: {Reason}", parked, why);
    }

    /// <summary>An <c>ALARM</c> for each credit that has now failed <see cref="CreditOptions.AlarmAfterAttempts"/> times or more.</summary>
    private void AlarmOnAttempts(IReadOnlyList<(long Id, int Attempts)> credited, string reason)
    {
        foreach (var (id, attempts) in credited.Where(c => c.Attempts >= options.Value.AlarmAfterAttempts))
        {
            logger.LogError("ALARM credit {CreditId} has failed {Attempts} attempts (Credits:AlarmAfterAttempts {Limit}): {Reason}", id, attempts,
                options.Value.AlarmAfterAttempts, reason);
        }
    }

    private bool IsOurPrepay(FilterLog log)
    {
        if (!log.IsEvent<StratosSystemContract.MsgExecutedEvent>(StratosSystemContract.Address))
        {
            return false;
        }
        var executed = log.DecodeEvent<StratosSystemContract.MsgExecutedEvent>(StratosSystemContract.Address);
        return EthAddress.Parse(executed.Signer).ToLowerHex() == outgoing.Signer && executed.IsType(StratosSystemContract.MsgPrepayTypeUrl);
    }

    /// <summary>
    /// Claims ready credits that no pause stops (read from the ledger each round: a paused credit stays <c>ready</c> and is
    /// claimed in the first round after the pause is lifted) and submits one prepay each. True if it did any work.
    /// </summary>
    private async Task<bool> SubmitAsync(string chain, CancellationToken ct)
    {
        var open = (await outgoing.OpenAsync(chain, CreditStore.Purpose, ct)).Count;
        var paused = await pauses.InForceAsync(ct);
        if (open >= options.Value.MaxInFlight || paused.StopsAllCredits(chain))
        {
            return false;
        }
        var claimed = await credits.ClaimAsync(Math.Min(options.Value.BatchSize, options.Value.MaxInFlight - open), Worker, relay.Value.ClaimLease, ct,
            paused.StoppedPayChains());
        if (claimed.Count == 0)
        {
            return false;
        }
        var rpc = chains.Rpc(chain);
        if (await LedgerBehindChainAsync(chain, rpc, ct) is { } behind)
        {
            await BackOffAsync(claimed, behind, ct);
            return false;
        }
        claimed = await ConfirmedAsync(claimed, ct);
        if (claimed.Count == 0)
        {
            return true;
        }
        // Read once per round: fees, the relayer's balance and its pending nonce count (the ledger allocates the nonces).
        var signer = EthAddress.Parse(outgoing.Signer);
        var fees = await outgoing.FeesAsync(chain, rpc, ct);
        var balance = await rpc.GetBalanceAsync(outgoing.Signer, EvmBlocks.Pending, ct);
        var pending = await rpc.GetTransactionCountAsync(outgoing.Signer, EvmBlocks.Pending, ct);
        var calldata = claimed.Select(c => StratosSystemContract.EncodeRunMsg(StratosPrepay.EncodeAny(signer, EthAddress.Parse(c.Beneficiary), c.StosWei)))
            .ToList();
        // every prepay of the round estimated in one JSON-RPC batch
        var estimates = await rpc.EstimateGasAsync(calldata.Select(data =>
            new CallInput { To = StratosSystemContract.Address.ToLowerHex(), Data = Hex.Encode(data), From = outgoing.Signer }).ToList(), ct);
        var prepays = new List<(ClaimedCredit Credit, Func<long, SignedOutgoingTx> Sign)>();
        for (var index = 0; index < claimed.Count; index++)
        {
            var credit = claimed[index];
            var (gas, refusal) = estimates[index];
            if (refusal is EvmRpcExecutionRevertedException reverted)
            {
                var reason = ContractReverts.Decode(reverted, StratosSystemContract.Binding);
                if (reason.Name is { } name && PermanentErrors.Contains(name))
                {
                    // this message can never pass: park the credit for an operator, go on with the others
                    var why = $"the SystemContract refuses this prepay for good: {reason}";
                    logger.LogError("ALARM credit {CreditId} failed permanently: {Reason}", credit.Id, why);
                    await credits.FailAsync(credit.Id, Worker, why, ct);
                    continue;
                }
                await BackOffAsync(claimed.Skip(index).ToList(), $"the SystemContract refuses runMsg: {reason}", ct);
                break;
            }
            if (refusal is not null)
            {
                throw refusal;
            }
            var gasLimit = gas + gas / 5 + 20_000;
            // the balance is spent as the round goes: each prepay's STOS and the most its gas may cost
            var cost = credit.StosWei + gasLimit * fees.MaxFeePerGas;
            if (balance < cost)
            {
                await BackOffAsync(claimed.Skip(index).ToList(),
                    $"the relayer's balance on {chain} ({balance} wei left this round) does not cover the prepay of {credit.StosWei} wei and its gas; fund {outgoing.Signer}",
                    ct);
                break;
            }
            balance -= cost;
            prepays.Add((credit, outgoing.SignerFor(chain, StratosSystemContract.Address, calldata[index], gasLimit, fees)));
        }
        // consecutive nonces, signed transactions and the credits' move to submitted: one database transaction
        var rows = await credits.PersistSignedAsync(chain, outgoing.Signer, pending, prepays.Select(p => (p.Credit.Id, p.Sign)).ToList(), Worker, ct);
        var persisted = new List<OutgoingTxRow>();
        foreach (var ((credit, _), row) in prepays.Zip(rows))
        {
            if (row is null)
            {
                logger.LogWarning("Lost the claim on credit {CreditId} before persisting it; another worker has it", credit.Id);
                continue;
            }
            logger.LogInformation("Signed prepay {TxHash} (nonce {Nonce}): {StosWei} STOS wei of Ozone for {Beneficiary} (credit {CreditId})",
                row.TxHash, row.Nonce, credit.StosWei, credit.Beneficiary, credit.Id);
            persisted.Add(row);
        }
        await outgoing.BroadcastAsync(rpc, persisted, ct);
        return true;
    }

    /// <summary>
    /// The claimed credits whose payments the confirm endpoints confirm (and grants' credits, which have no payment); each
    /// of the others is given back with the reason and the back-off, and is not signed this round. The payments are asked
    /// about all at once, so a round waits at most <see cref="CreditOptions.ConfirmTimeout"/> for slow endpoints.
    /// </summary>
    private async Task<IReadOnlyList<ClaimedCredit>> ConfirmedAsync(IReadOnlyList<ClaimedCredit> claimed, CancellationToken ct)
    {
        var outcomes = await Task.WhenAll(claimed.Select(c =>
            c.Payment is { } payment ? confirmation.ConfirmAsync(c.Id, payment, ct) : Task.FromResult(ConfirmationOutcome.NotRequired)));
        foreach (var (credit, outcome) in claimed.Zip(outcomes).Where(c => !c.Second.Confirmed))
        {
            await BackOffAsync([credit], outcome.Reason, ct, alarm: false);
        }
        return claimed.Zip(outcomes).Where(c => c.Second.Confirmed).Select(c => c.First).ToList();
    }

    private async Task BackOffAsync(IReadOnlyList<ClaimedCredit> batch, string reason, CancellationToken ct, bool alarm = true)
    {
        var delay = relay.Value.BackoffAfter(batch.Min(c => c.Attempts));
        if (alarm)
        {
            logger.LogWarning("ALARM {Count} credit(s) wait {Delay}: {Reason}", batch.Count, delay, reason);
        }
        else
        {
            logger.LogWarning("{Count} credit(s) wait {Delay}: {Reason}", batch.Count, delay, reason);
        }
        await credits.BackOffAsync(batch.Select(c => c.Id).ToArray(), Worker, delay, reason, ct);
        AlarmOnAttempts(batch.Select(c => (c.Id, c.Attempts + 1)).ToList(), reason);
    }

    /// <summary>
    /// The guard against a restored (or shared) ledger: when the chain has confirmed more transactions from the signer than
    /// the ledger ever allocated nonces for, some were signed outside this ledger (a backup restored after they were sent,
    /// or the key used elsewhere) and a prepay the ledger thinks is due may already be paid. Then no prepay is signed, with
    /// an <c>ALARM</c>, until an operator has compared the chain's history with the ledger (README: restoring the ledger).
    /// A ledger that has never used the signer on this chain adopts the chain's count.
    /// </summary>
    private async Task<string?> LedgerBehindChainAsync(string chain, EvmRpcClient rpc, CancellationToken ct)
    {
        if (await credits.NextNonceAsync(chain, outgoing.Signer, ct) is not { } known)
        {
            return null;
        }
        var confirmed = await rpc.GetTransactionCountAsync(outgoing.Signer, EvmBlocks.Latest, ct);
        if (confirmed <= known)
        {
            return null;
        }
        return $"the relayer refuses to sign prepays: {chain} has confirmed {confirmed} transactions from {outgoing.Signer} but the ledger " +
                  $"allocated nonces only up to {known - 1}; transactions the ledger does not know were sent (a ledger restored from a backup, " +
                  "or the key used elsewhere). Compare the chain's history of the signer with the ledger, then set signer_nonces (README)";
    }
}
