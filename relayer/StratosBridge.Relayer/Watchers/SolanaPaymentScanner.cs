using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Pay;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Ledger.Watching;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// Finds the Solana Pay payments of the monitored SOL quotes, for the Solana watcher (which holds the
/// <c>watcher:solana</c> lock). Every payment moves lamports to the one configured recipient, so the scanner follows the
/// <b>recipient's</b> signatures, not each quote's reference: its RPC work grows with the transactions that reach the
/// recipient, never with the number of open quotes (a flood of quotes nobody pays costs one database query per poll).
/// One <see cref="PollAsync"/>:
/// <list type="number">
/// <item><b>List</b> at <c>finalized</c> the recipient's signatures newer than the newest one handled before
/// (<c>until</c>: one short call when nothing happened). The first poll of a leadership term looks back to the oldest
/// monitored quote (<see cref="LookBackMargin"/> before it) and skips the transactions already recorded for those quotes
/// (<see cref="PaymentStore.TxHashesByQuoteAsync"/>), so a restart reads none of them again.</item>
/// <item><b>Match</b> each new transaction (oldest first, read once, failed ones too) to the monitored SOL quotes whose
/// reference is among its account keys — the quotes still monitored, and those whose window closed less than
/// <see cref="SolanaWatcherOptions.MaxQuoteInterval"/> ago. A transaction that carries no such reference is not a
/// payment of ours (an unrelated transfer, a payment for a quote no longer watched) and is passed over.</item>
/// <item><b>Validate</b> it against each matched quote as @solana/pay's validateTransfer does (the quote's reference,
/// the configured recipient, at least 1 lamport; what the recipient received is recorded, under- and over-payment are the
/// matcher's business) and <b>record</b> every valid one as a final payment (<see cref="PaymentStore.RecordFinalAsync"/>;
/// its natural key (solana, signature, reference) makes a second record a no-op). An invalid one is never skipped
/// silently: it is recorded once as a <c>failed</c> source event with the reason (visible in <c>/v1/status</c> and to
/// operators; an <c>ALARM</c> unless it provably paid us nothing: failed on chain, or paid another account), never
/// credited.</item>
/// </list>
/// What it remembers (the cursor and the signatures handled since) lives for one leadership term (<see cref="Forget"/>);
/// the ledger is the truth. A transient RPC failure ends the poll (the watcher retries) without moving the cursor.
/// </summary>
public sealed class SolanaPaymentScanner(
    IRpcClientFactory<SolanaRpcClient> rpc,
    QuoteStore quotes,
    PaymentStore payments,
    ChainScanStore failures,
    IOptions<SolanaWatcherOptions> options,
    SolanaPublicKey recipient,
    ILogger<SolanaPaymentScanner> logger)
{
    private const string Chain = SolanaWatcherOptions.Chain;

    /// <summary>How far before the oldest monitored quote the first poll of a term looks (clocks and block times differ).</summary>
    public static readonly TimeSpan LookBackMargin = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Signatures handled (recorded, judged or passed over) that a listing may show again while the cursor cannot move.</summary>
    private readonly HashSet<SolanaSignature> _handled = [];

    /// <summary>The newest signature of the recipient handled; null at the start of a term.</summary>
    private SolanaSignature? _until;

    private bool _started;

    /// <summary>The account payments must go to (<see cref="SolanaWatcherOptions.RecipientKey"/>).</summary>
    public SolanaPublicKey Recipient => recipient;

    /// <summary>Drops what was remembered (called when the watcher takes the lock: another instance may have watched meanwhile).</summary>
    public void Forget()
    {
        _gate.Wait();
        try
        {
            _handled.Clear();
            _until = null;
            _started = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SolanaScanSummary> PollAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var client = rpc.For(Chain);
            var monitored = await MonitoredAsync(ct);
            if (!_started)
            {
                await StartTermAsync(monitored.Values, ct);
            }
            var listed = await ListAsync(client, monitored.Values, ct); // newest first
            var counts = new Counts();
            var complete = true;
            var reloaded = false;
            foreach (var info in Enumerable.Reverse(listed))
            {
                if (_handled.Contains(info.Signature))
                {
                    continue;
                }
                var transaction = await client.GetTransactionAsync(info.Signature, SolanaCommitment.Finalized, SolanaTransactionEncoding.Json, ct);
                counts.Read++;
                if (transaction is null)
                {
                    complete = false; // listed at finalized but not served yet (a lagging node behind a balancer): look again
                    continue;
                }
                var matched = Match(transaction, monitored);
                if (matched.Count == 0 && !reloaded)
                {
                    // A quote made after the list was read may already be paid: read the list again, once per poll.
                    monitored = await MonitoredAsync(ct);
                    reloaded = true;
                    matched = Match(transaction, monitored);
                }
                if (matched.Count == 0)
                {
                    logger.LogDebug("Solana transaction {TxHash} to the recipient carries no reference of a monitored quote; passed over",
                        info.Signature.ToString());
                }
                foreach (var (quote, reference) in matched)
                {
                    await JudgeAsync(info.Signature, transaction, quote, reference, counts, ct);
                }
                _handled.Add(info.Signature);
            }
            if (complete)
            {
                _until = listed.Count > 0 ? listed[0].Signature : _until;
                _handled.Clear(); // the next listing starts after _until: nothing handled can come back
            }
            return new SolanaScanSummary(monitored.Count, listed.Count, counts.Read, counts.Recorded, counts.Invalid);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The monitored quotes by reference; a reference that is not a public key is logged and left out.</summary>
    private async Task<Dictionary<SolanaPublicKey, MonitoredSolanaQuote>> MonitoredAsync(CancellationToken ct)
    {
        var listed = await quotes.MonitoredSolanaQuotesAsync(options.Value.MaxQuoteInterval, ct);
        var byReference = new Dictionary<SolanaPublicKey, MonitoredSolanaQuote>(listed.Count);
        foreach (var quote in listed)
        {
            if (SolanaPublicKey.TryParse(quote.Reference, out var reference, out var error))
            {
                byReference[reference] = quote;
            }
            else if (!_started)
            {
                logger.LogError("Quote {QuoteId} has a Solana reference that is not a public key ({Error}); its payments cannot be found",
                    quote.Id, error);
            }
        }
        return byReference;
    }

    /// <summary>The first poll of a term skips what is recorded for the monitored quotes: a restart reads none of it again.</summary>
    private async Task StartTermAsync(IEnumerable<MonitoredSolanaQuote> monitored, CancellationToken ct)
    {
        var ids = monitored.Select(q => q.Id).ToList();
        if (ids.Count > 0)
        {
            var recorded = await payments.TxHashesByQuoteAsync(Chain, ids, ct);
            foreach (var txHash in recorded.Values.SelectMany(hashes => hashes))
            {
                if (SolanaSignature.TryParse(txHash, out var signature))
                {
                    _handled.Add(signature);
                }
            }
        }
        _started = true;
    }

    /// <summary>
    /// The recipient's signatures at finalized, newest first: those newer than <see cref="_until"/>; at the start of a term,
    /// back to <see cref="LookBackMargin"/> before the oldest monitored quote (with none, only the newest one, as the cursor).
    /// </summary>
    private async Task<List<SolanaSignatureInfo>> ListAsync(SolanaRpcClient client, IEnumerable<MonitoredSolanaQuote> monitored,
        CancellationToken ct)
    {
        var listed = new List<SolanaSignatureInfo>();
        if (_until is not null)
        {
            await foreach (var info in client.GetAllSignaturesForAddressAsync(recipient, SolanaCommitment.Finalized, _until, ct: ct))
            {
                listed.Add(info);
            }
            return listed;
        }
        var oldest = monitored.Select(q => (DateTimeOffset?)q.CreatedAt).Min();
        if (oldest is null)
        {
            var newest = await client.GetSignaturesForAddressAsync(recipient, SolanaCommitment.Finalized, limit: 1, ct: ct);
            _until = newest.Count > 0 ? newest[0].Signature : null;
            return [];
        }
        var horizon = (oldest.Value - LookBackMargin).ToUnixTimeSeconds();
        await foreach (var info in client.GetAllSignaturesForAddressAsync(recipient, SolanaCommitment.Finalized, ct: ct))
        {
            if (info.BlockTime is { } time && time < horizon)
            {
                break;
            }
            listed.Add(info);
        }
        return listed;
    }

    /// <summary>The monitored quotes whose reference is among the transaction's own account keys.</summary>
    private static List<(MonitoredSolanaQuote Quote, SolanaPublicKey Reference)> Match(SolanaTransaction transaction,
        Dictionary<SolanaPublicKey, MonitoredSolanaQuote> monitored) =>
        transaction.Message.StaticAccountKeys
            .Select(k => k.PublicKey)
            .Distinct()
            .Where(monitored.ContainsKey)
            .Select(key => (monitored[key], key))
            .ToList();

    private async Task JudgeAsync(SolanaSignature signature, SolanaTransaction transaction, MonitoredSolanaQuote quote,
        SolanaPublicKey reference, Counts counts, CancellationToken ct)
    {
        var expected = new SolanaTransferExpectation(recipient, 1) { References = [reference] };
        var transfer = SolanaTransferValidator.Validate(signature, transaction, expected);
        if (!transfer.IsValid || Observe(quote, transfer) is not { } payment)
        {
            counts.Invalid++;
            await RecordInvalidAsync(signature, transaction, quote, transfer,
                transfer.IsValid ? "no system transfer last in a valid transfer" : transfer.Detail, ct);
            return;
        }
        if (await payments.RecordFinalAsync(Chain, payment, ct))
        {
            counts.Recorded++;
            logger.LogInformation(
                "Solana payment {TxHash} for quote {QuoteId}: {Lamports} lamports from {Payer} in slot {Slot}",
                payment.TxHash, payment.QuoteId, payment.Amount, payment.Payer, payment.BlockNumber);
        }
    }

    /// <summary>
    /// A transaction carrying the quote's reference that is not a valid payment: a failed source event (once) with the
    /// reason. An <c>ALARM</c> unless it provably paid us nothing (it failed on chain, or paid another account).
    /// </summary>
    private async Task RecordInvalidAsync(SolanaSignature signature, SolanaTransaction transaction, MonitoredSolanaQuote quote,
        SolanaTransferValidation transfer, string? detail, CancellationToken ct)
    {
        var hash = signature.ToString();
        var code = transfer.Code ?? "invalid";
        var reason = $"not a valid Solana Pay payment ({code}): {detail}";
        var raw = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["signature"] = hash,
            ["reference"] = quote.Reference,
            ["quoteId"] = quote.Id,
            ["code"] = code,
            ["detail"] = detail,
            ["slot"] = transaction.Slot,
            ["receivedLamports"] = transfer.ReceivedLamports?.ToString(CultureInfo.InvariantCulture),
        });
        var failed = new FailedObservation(hash, quote.Reference, checked((long)transaction.Slot), null, "solana-pay", raw, reason);
        if (!await failures.RecordFailedAsync(Chain, failed, ct))
        {
            return; // recorded before (by another leadership term)
        }
        if (transfer.Reason is SolanaTransferInvalidReason.TransactionFailed or SolanaTransferInvalidReason.RecipientMismatch)
        {
            logger.LogWarning("Solana transaction {TxHash} carries the reference of quote {QuoteId} but paid us nothing ({Code}): {Detail}; " +
                              "recorded as a failed source event", hash, quote.Id, code, detail);
            return;
        }
        logger.LogWarning("ALARM Solana transaction {TxHash} carries the reference of quote {QuoteId} but is not a valid payment ({Code}): {Detail}; " +
                          "recorded as a failed source event, not credited until an operator decides", hash, quote.Id, code, detail);
    }

    /// <summary>
    /// The ledger's view of a valid transfer (the payload keeps the validation's facts for audit); null when its last
    /// instruction cannot be read as a system transfer after all (then it is recorded as failed, not credited).
    /// </summary>
    private ObservedPayment? Observe(MonitoredSolanaQuote quote, SolanaTransferValidation transfer)
    {
        var transaction = transfer.Transaction!;
        if (!SolanaSystemTransfer.TryRead(transaction.Message.Instructions[^1], out var moved))
        {
            return null;
        }
        var received = transfer.ReceivedLamports!.Value;
        var signature = transfer.Signature!.Value.ToString();
        var payload = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["validation"] = "solana-pay validateTransfer (@solana/pay 1.0.16 checks)",
            ["commitment"] = "finalized",
            ["signature"] = signature,
            ["slot"] = transaction.Slot,
            ["blockTime"] = transaction.BlockTime,
            ["reference"] = quote.Reference,
            ["recipient"] = recipient.ToString(),
            ["minimumLamports"] = "1",
            ["source"] = moved.Source.ToString(),
            ["feePayer"] = transaction.Message.AccountKeys[0].PublicKey.ToString(),
            ["transferLamports"] = moved.Lamports.ToString(CultureInfo.InvariantCulture),
            ["receivedLamports"] = received.ToString(CultureInfo.InvariantCulture),
            ["fee"] = transaction.Meta?.Fee.ToString(CultureInfo.InvariantCulture),
            ["version"] = transaction.Version,
        });
        return new ObservedPayment(
            TxHash: signature,
            SourceRef: quote.Reference,
            BlockNumber: checked((long)transaction.Slot),
            BlockHash: null, // getTransaction does not say; a finalized slot is never rolled back
            PaidAt: transaction.Time ?? DateTimeOffset.UtcNow,
            QuoteId: quote.Id,
            Payer: moved.Source.ToString(),
            Beneficiary: null, // the quote's
            Asset: "SOL",
            Amount: received,
            PayloadJson: payload);
    }

    private sealed class Counts
    {
        public int Read;
        public int Recorded;
        public int Invalid;
    }
}
