using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Pay;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.Ledger.Payments;
using StratosBridge.Ledger.Quotes;
using StratosBridge.Ledger.Watching;

namespace StratosBridge.Relayer.Watchers;

/// <summary>
/// Finds the Solana Pay payments of the monitored SOL quotes, for the Solana watcher (which holds the
/// <c>watcher:solana</c> lock). One <see cref="PollAsync"/>:
/// <list type="number">
/// <item><b>Quotes.</b> The SOL quotes still monitored (and those whose window closed less than
/// <see cref="SolanaWatcherOptions.MaxQuoteInterval"/> ago, for a last look). A quote seen for the first time is due at
/// once, knowing the transactions already recorded for it (<see cref="PaymentStore.TxHashesByQuoteAsync"/>: one query
/// for all new quotes), so a restart reads none of them again.</item>
/// <item><b>Spacing.</b> Only quotes that are due are looked at, the most overdue first, at most
/// <see cref="SolanaWatcherOptions.MaxChecksPerPoll"/>. After a look a quote of age A is due again after
/// A / <see cref="SolanaWatcherOptions.QuoteAgeDivisor"/>, between <see cref="SolanaWatcherOptions.PollInterval"/> and
/// <see cref="SolanaWatcherOptions.MaxQuoteInterval"/>: a quote being paid now is looked at every poll, a day-old one
/// every couple of minutes. N old quotes cost about N / MaxQuoteInterval lookups per second, not N per poll.</item>
/// <item><b>Lookup</b> (<see cref="SolanaTransferValidator.FindTransfersAsync"/>) at <c>finalized</c>: the signatures
/// carrying the quote's reference newer than the newest one judged before (<c>until</c>: one short call when nothing
/// happened), each transaction not judged or recorded before validated as @solana/pay's validateTransfer does — the
/// quote's reference, the configured recipient, at least 1 lamport (what the recipient received is recorded; under-
/// and over-payment are the matcher's business).</item>
/// <item><b>Record</b> every valid one as a final payment (<see cref="PaymentStore.RecordFinalAsync"/>; its natural key
/// (solana, signature, reference) makes a second record a no-op), so a quote paid twice has two payments. An invalid
/// one is never skipped silently: it is recorded once as a <c>failed</c> source event with the reason (visible in
/// <c>/v1/status</c> and to operators; an <c>ALARM</c> unless it provably paid us nothing: failed on chain, or paid another
/// account) and remembered, never credited.</item>
/// </list>
/// What it remembers (per quote: the newest signature judged, the signatures judged) lives for one leadership term
/// (<see cref="Forget"/>); the ledger is the truth. A transient RPC failure ends the poll (the watcher retries);
/// a permanent one for one quote is logged and the quote waits its spacing.
/// </summary>
public sealed class SolanaPaymentScanner(
    ISolanaRpcClientFactory rpc,
    QuoteStore quotes,
    PaymentStore payments,
    ChainScanStore failures,
    IOptions<SolanaWatcherOptions> options,
    SolanaPublicKey recipient,
    ILogger<SolanaPaymentScanner> logger)
{
    private const string Chain = SolanaWatcherOptions.Chain;

    private readonly Dictionary<string, TrackedQuote> _tracked = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The account payments must go to (<see cref="SolanaWatcherOptions.RecipientKey"/>).</summary>
    public SolanaPublicKey Recipient => recipient;

    /// <summary>Drops what was remembered (called when the watcher takes the lock: another instance may have watched meanwhile).</summary>
    public void Forget()
    {
        _gate.Wait();
        try
        {
            _tracked.Clear();
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
            var settings = options.Value;
            var monitored = await quotes.MonitoredSolanaQuotesAsync(settings.MaxQuoteInterval, ct);
            await TrackAsync(monitored, ct);
            var now = DateTimeOffset.UtcNow;
            var due = _tracked.Values.Where(q => q.Reference is not null && q.DueAt <= now)
                .OrderBy(q => q.DueAt).ThenByDescending(q => q.Quote.CreatedAt) // new quotes: the youngest (likeliest paid now) first
                .Take(settings.MaxChecksPerPoll).ToList();
            var summary = new Counts();
            if (due.Count > 0)
            {
                var validator = new SolanaTransferValidator(rpc.For(Chain));
                foreach (var quote in due)
                {
                    await CheckAsync(validator, quote, summary, ct);
                    var checkedAt = DateTimeOffset.UtcNow;
                    quote.DueAt = checkedAt + settings.SpacingFor(quote.Quote.CreatedAt, checkedAt);
                }
            }
            return new SolanaScanSummary(monitored.Count, due.Count, summary.Judged, summary.Recorded, summary.Invalid);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Follows the quotes listed now; forgets the others; learns what is recorded for the new ones.</summary>
    private async Task TrackAsync(IReadOnlyList<MonitoredSolanaQuote> monitored, CancellationToken ct)
    {
        var listed = monitored.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _tracked.Keys.Where(id => !listed.Contains(id)).ToList())
        {
            _tracked.Remove(gone);
        }
        var fresh = monitored.Where(q => !_tracked.ContainsKey(q.Id)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }
        var recorded = await payments.TxHashesByQuoteAsync(Chain, fresh.Select(q => q.Id).ToList(), ct);
        foreach (var quote in fresh)
        {
            SolanaPublicKey? reference = SolanaPublicKey.TryParse(quote.Reference, out var key, out var error) ? key : null;
            if (reference is null)
            {
                logger.LogError("Quote {QuoteId} has a Solana reference that is not a public key ({Error}); its payments cannot be found",
                    quote.Id, error);
            }
            var tracked = new TrackedQuote(quote, reference);
            foreach (var txHash in recorded.GetValueOrDefault(quote.Id, []))
            {
                if (SolanaSignature.TryParse(txHash, out var signature))
                {
                    tracked.Seen.Add(signature);
                }
            }
            _tracked[quote.Id] = tracked;
        }
    }

    private async Task CheckAsync(SolanaTransferValidator validator, TrackedQuote quote, Counts counts, CancellationToken ct)
    {
        var expected = new SolanaTransferExpectation(recipient, 1) { References = [quote.Reference!.Value] };
        SolanaReferenceTransfers found;
        try
        {
            found = await validator.FindTransfersAsync(expected, SolanaCommitment.Finalized, quote.Until, quote.Seen, ct);
            quote.LastError = null;
        }
        catch (SolanaRpcException e) when (!e.IsTransient)
        {
            // Not going away by retrying at once (a node refusing the request, an answer we cannot read): the quote waits
            // its spacing; said once at warning level, then at debug until it changes.
            var level = e.Message == quote.LastError ? LogLevel.Debug : LogLevel.Warning;
            logger.Log(level, "Looking up the payments of quote {QuoteId} (reference {Reference}) failed: {Error}",
                quote.Quote.Id, quote.Quote.Reference, e.Message);
            quote.LastError = e.Message;
            return;
        }
        counts.Judged += found.Transfers.Count;
        var complete = true;
        foreach (var transfer in found.Transfers)
        {
            var signature = transfer.Signature!.Value;
            if (transfer.IsValid && Observe(quote, transfer) is { } payment)
            {
                if (await payments.RecordFinalAsync(Chain, payment, ct))
                {
                    counts.Recorded++;
                    logger.LogInformation(
                        "Solana payment {TxHash} for quote {QuoteId}: {Lamports} lamports from {Payer} in slot {Slot}",
                        payment.TxHash, payment.QuoteId, payment.Amount, payment.Payer, payment.BlockNumber);
                }
                quote.Seen.Add(signature);
            }
            else if (transfer.Reason == SolanaTransferInvalidReason.NotFound)
            {
                complete = false; // listed at finalized but not served yet (a lagging node behind a balancer): look again
            }
            else
            {
                counts.Invalid++;
                quote.Seen.Add(signature);
                await RecordInvalidAsync(quote, transfer, transfer.IsValid ? "no system transfer last in a valid transfer" : transfer.Detail, ct);
            }
        }
        if (complete)
        {
            quote.Until = found.Newest;
        }
    }

    /// <summary>
    /// A transaction carrying the quote's reference that is not a valid payment: a failed source event (once) with the
    /// reason. An <c>ALARM</c> unless it provably paid us nothing (it failed on chain, or paid another account).
    /// </summary>
    private async Task RecordInvalidAsync(TrackedQuote quote, SolanaTransferValidation transfer, string? detail, CancellationToken ct)
    {
        var signature = transfer.Signature!.Value.ToString();
        var code = transfer.Code ?? "invalid";
        var reason = $"not a valid Solana Pay payment ({code}): {detail}";
        var raw = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["signature"] = signature,
            ["reference"] = quote.Quote.Reference,
            ["quoteId"] = quote.Quote.Id,
            ["code"] = code,
            ["detail"] = detail,
            ["slot"] = transfer.Transaction?.Slot,
            ["receivedLamports"] = transfer.ReceivedLamports?.ToString(CultureInfo.InvariantCulture),
        });
        var slot = transfer.Transaction is { } tx ? checked((long)tx.Slot) : (long?)null;
        if (!await failures.RecordFailedAsync(Chain, new FailedObservation(signature, quote.Quote.Reference, slot, null, "solana-pay", raw, reason), ct))
        {
            return; // recorded before (by another leadership term)
        }
        if (transfer.Reason is SolanaTransferInvalidReason.TransactionFailed or SolanaTransferInvalidReason.RecipientMismatch)
        {
            logger.LogWarning("Solana transaction {TxHash} carries the reference of quote {QuoteId} but paid us nothing ({Code}): {Detail}; " +
                              "recorded as a failed source event", signature, quote.Quote.Id, code, detail);
            return;
        }
        logger.LogWarning("ALARM Solana transaction {TxHash} carries the reference of quote {QuoteId} but is not a valid payment ({Code}): {Detail}; " +
                        "recorded as a failed source event, not credited until an operator decides", signature, quote.Quote.Id, code, detail);
    }

    /// <summary>
    /// The ledger's view of a valid transfer (the payload keeps the validation's facts for audit); null when its last
    /// instruction cannot be read as a system transfer after all (then it is recorded as failed, not credited).
    /// </summary>
    private ObservedPayment? Observe(TrackedQuote quote, SolanaTransferValidation transfer)
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
            ["reference"] = quote.Quote.Reference,
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
            SourceRef: quote.Quote.Reference,
            BlockNumber: checked((long)transaction.Slot),
            BlockHash: null, // getTransaction does not say; a finalized slot is never rolled back
            PaidAt: transaction.Time ?? DateTimeOffset.UtcNow,
            QuoteId: quote.Quote.Id,
            Payer: moved.Source.ToString(),
            Beneficiary: null, // the quote's
            Asset: "SOL",
            Amount: received,
            PayloadJson: payload);
    }

    private sealed class Counts
    {
        public int Judged;
        public int Recorded;
        public int Invalid;
    }

    /// <summary>What the scanner remembers of one quote during a leadership term.</summary>
    private sealed class TrackedQuote(MonitoredSolanaQuote quote, SolanaPublicKey? reference)
    {
        public MonitoredSolanaQuote Quote { get; } = quote;

        /// <summary>Null when the stored reference does not parse (logged; never looked up).</summary>
        public SolanaPublicKey? Reference { get; } = reference;

        /// <summary>Signatures recorded or judged invalid: listed again only when before <see cref="Until"/> could not move.</summary>
        public HashSet<SolanaSignature> Seen { get; } = [];

        /// <summary>The newest signature judged: the next lookup lists only newer ones.</summary>
        public SolanaSignature? Until { get; set; }

        public DateTimeOffset DueAt { get; set; } = DateTimeOffset.MinValue;

        public string? LastError { get; set; }
    }
}
