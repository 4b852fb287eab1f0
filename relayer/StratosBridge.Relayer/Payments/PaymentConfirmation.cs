using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.JsonRpc;
using StratosBridge.Chains.Solana;
using StratosBridge.Chains.Solana.Pay;
using StratosBridge.Chains.Solana.Rpc;
using StratosBridge.Ledger.Payments;
using StratosBridge.Pricing;
using StratosBridge.Relayer.Configuration;
using StratosBridge.Relayer.Watchers;

namespace StratosBridge.Relayer.Payments;

/// <summary>
/// No single node is trusted with money: before the credit worker signs a prepay for an <c>OzonePaid</c> payment, the
/// chain's independent endpoints (<c>Chains:{name}:ConfirmRpcUrls</c>) are asked, each on its own, for the payment's
/// receipt. An endpoint <b>agrees</b> when the receipt succeeded, its log at the payment's log index is an
/// <c>OzonePaid</c> of the configured OzonePayments contract with the ledger's quote id, payer, beneficiary and amount, in
/// the ledger's block, and that block is final by that endpoint's own view (<see cref="ChainClients.FinalHeightAsync"/>).
/// At least <see cref="ChainOptions.Quorum"/> agreeing endpoints confirm the payment. An endpoint that cannot answer
/// (down, timing out, erring) or has not reached finality does not agree, and is no lie. An endpoint that answers with a
/// contradicting receipt, or with none for a block it holds final, is an <c>ALARM</c> (named by its host, never its URL):
/// someone is lying, the watcher's node or that one. A chain without confirm endpoints believes its watcher's node
/// (today's behaviour; the credit worker warns about it at start-up), and so does anything that is not an EVM payment.
/// A SOL payment is confirmed the same way by <c>Solana:ConfirmRpcUrls</c>: each endpoint's <c>getTransaction</c> at
/// <c>finalized</c> must pass Solana Pay's <c>validateTransfer</c> checks (the quote's reference, the configured recipient)
/// with the ledger's slot, payer and lamports received.
/// </summary>
public sealed class PaymentConfirmation(
    ChainClients chains,
    IRpcClientFactory<SolanaRpcClient> solana,
    IOptions<SolanaWatcherOptions> solanaOptions,
    IOptions<PricingOptions> pricing,
    IOptions<CreditOptions> options,
    ILogger<PaymentConfirmation> logger)
{
    /// <summary>A start-up warning for each source of payments whose word alone is believed (no confirm endpoints).</summary>
    public void WarnOfUnconfirmedSources()
    {
        foreach (var chain in chains.Names.Where(n => chains.Options(n) is { Contracts.OzonePayments.Length: > 0, ConfirmRpcUrls.Count: 0 }))
        {
            logger.LogWarning("Payments on {Chain} are credited on the word of its one RPC endpoint (Chains:{Chain}:RpcUrl): set " +
                              "Chains:{Chain}:ConfirmRpcUrls to independent endpoints that must confirm each payment first", chain, chain, chain);
        }
        if (pricing.Value.Payments.Solana is not null && solanaOptions.Value.ConfirmRpcUrls.Count == 0)
        {
            logger.LogWarning("SOL payments are credited on the word of one RPC endpoint (Solana:RpcUrl): set Solana:ConfirmRpcUrls to " +
                              "independent endpoints that must confirm each payment first");
        }
    }

    /// <summary>Asks the payment's confirm endpoints, all at once, and counts those that agree.</summary>
    public async Task<ConfirmationOutcome> ConfirmAsync(long creditId, CreditedPayment payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var (quorum, endpoints) = EndpointsFor(payment);
        if (endpoints.Count == 0)
        {
            return ConfirmationOutcome.NotRequired;
        }
        var verdicts = await Task.WhenAll(endpoints.Select(e => AskAsync(e, payment, ct)));
        foreach (var (host, contradiction) in endpoints.Zip(verdicts).Where(v => v.Second.Kind == Kind.Contradicts)
                     .Select(v => (v.First.Host, v.Second.Detail)))
        {
            logger.LogError("ALARM payment {TxHash} on {Chain} ({SourceRef}, quote {QuoteId}, credit {CreditId}): confirm endpoint {Endpoint} " +
                            "contradicts the watcher's node: {Contradiction}; the credit is not signed",
                payment.TxHash, payment.Chain, payment.SourceRef, payment.QuoteId, creditId, host, contradiction);
        }
        var agreeing = verdicts.Count(v => v.Kind == Kind.Agrees);
        var summary = string.Join("; ", endpoints.Zip(verdicts).Select(v => $"{v.First.Host} {v.Second.Detail}"));
        return new ConfirmationOutcome(agreeing, quorum, endpoints.Count, summary);
    }

    /// <summary>The quorum and the confirm endpoints of the payment's chain; none for a chain without them, or a card payment.</summary>
    private (int Quorum, IReadOnlyList<Endpoint> Endpoints) EndpointsFor(CreditedPayment payment)
    {
        if (payment.Chain == SolanaWatcherOptions.Chain)
        {
            var sol = solanaOptions.Value;
            return (sol.Quorum, sol.ConfirmRpcUrls.Select((url, i) => new Endpoint(ConfirmEndpoints.Host(url),
                ct => AskSolanaAsync(solana.For(ConfirmEndpoints.ClientName(SolanaWatcherOptions.Chain, i)), payment, ct))).ToList());
        }
        if (chains.Names.Contains(payment.Chain) && chains.Options(payment.Chain) is { ConfirmRpcUrls.Count: > 0 } config)
        {
            return (config.Quorum, chains.ConfirmRpcs(payment.Chain).Select(e => new Endpoint(e.Host, ct => AskEvmAsync(e.Rpc, payment, config, ct)))
                .ToList());
        }
        return (0, []);
    }

    /// <summary>One endpoint's verdict within <see cref="CreditOptions.ConfirmTimeout"/>; one that cannot answer does not agree.</summary>
    private async Task<Verdict> AskAsync(Endpoint endpoint, CreditedPayment payment, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.ConfirmTimeout);
        try
        {
            return await endpoint.Ask(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Verdict(Kind.Unreachable, $"did not answer within {options.Value.ConfirmTimeout.TotalSeconds:0.#} s");
        }
        catch (RpcException e)
        {
            logger.LogWarning("Confirm endpoint {Endpoint} of {Chain} could not answer for payment {TxHash}: {Kind}", endpoint.Host, payment.Chain,
                payment.TxHash, e.KindName);
            return new Verdict(Kind.Unreachable, $"could not answer ({e.KindName})");
        }
    }

    private async Task<Verdict> AskEvmAsync(EvmRpcClient rpc, CreditedPayment payment, ChainOptions config, CancellationToken ct)
    {
        var receipt = await rpc.GetTransactionReceiptAsync(payment.TxHash, ct);
        var final = await chains.FinalHeightAsync(payment.Chain, rpc, ct);
        return JudgeEvm(payment, config, receipt, final);
    }

    /// <summary>What one endpoint's receipt and final height say of the ledger's EVM payment.</summary>
    private static Verdict JudgeEvm(CreditedPayment payment, ChainOptions config, TransactionReceipt? receipt, long? final)
    {
        var block = payment.BlockNumber ?? -1;
        if (receipt is null)
        {
            return final >= block
                ? new Verdict(Kind.Contradicts, $"has no receipt of the transaction, yet holds its block {block} final (final height {final})")
                : new Verdict(Kind.NotYet, $"has no receipt yet (final height {Show(final)})");
        }
        if (Contradiction(payment, config, receipt) is { } lie)
        {
            return new Verdict(Kind.Contradicts, lie);
        }
        var mined = receipt.BlockNumber.ToLong();
        if (mined != block || !string.Equals(receipt.BlockHash, payment.BlockHash, StringComparison.OrdinalIgnoreCase))
        {
            return final >= mined
                ? new Verdict(Kind.Contradicts, $"has the transaction in final block {mined} ({receipt.BlockHash}), the ledger in block {block} ({payment.BlockHash})")
                : new Verdict(Kind.NotYet, $"has the transaction in block {mined}, not final there yet (final height {Show(final)})");
        }
        return final >= block
            ? new Verdict(Kind.Agrees, "agrees")
            : new Verdict(Kind.NotYet, $"has not finalized block {block} yet (final height {Show(final)})");
    }

    /// <summary>Why the receipt is not the ledger's payment, or null when its log says the same.</summary>
    private static string? Contradiction(CreditedPayment payment, ChainOptions config, TransactionReceipt receipt)
    {
        if (!receipt.Succeeded())
        {
            return "the transaction failed (status 0)";
        }
        var index = long.Parse(payment.SourceRef, CultureInfo.InvariantCulture);
        if (receipt.Logs.FirstOrDefault(l => l.LogIndex.ToLong() == index) is not { } log)
        {
            return $"the receipt has no log {index}";
        }
        var contract = EthAddress.Parse(config.Contracts.OzonePayments!);
        if (!log.IsEvent<OzonePaymentsContract.OzonePaidEvent>(contract))
        {
            return $"log {index} is not an OzonePaid of {contract.ToLowerHex()} (emitted by {log.Address})";
        }
        OzonePaymentsContract.OzonePaidEvent paid;
        try
        {
            paid = log.DecodeEvent<OzonePaymentsContract.OzonePaidEvent>(contract);
        }
        catch (FormatException e)
        {
            return $"log {index} does not decode: {e.Message}";
        }
        return Differences("its OzonePaid",
            ("quote id", Hex.Encode(paid.QuoteId), payment.QuoteId),
            ("payer", EthAddress.Parse(paid.Payer).ToLowerHex(), payment.Payer),
            ("beneficiary", EthAddress.Parse(paid.Beneficiary).ToLowerHex(), payment.Beneficiary),
            ("amount", paid.Amount.ToString(CultureInfo.InvariantCulture), payment.Amount.ToString(CultureInfo.InvariantCulture)));
    }

    private async Task<Verdict> AskSolanaAsync(SolanaRpcClient rpc, CreditedPayment payment, CancellationToken ct)
    {
        var signature = SolanaSignature.Parse(payment.TxHash);
        var transaction = await rpc.GetTransactionAsync(signature, SolanaCommitment.Finalized, SolanaTransactionEncoding.Json, ct);
        var final = checked((long)await rpc.GetSlotAsync(SolanaCommitment.Finalized, ct));
        return JudgeSolana(payment, signature, transaction, final);
    }

    /// <summary>
    /// What one endpoint's transaction (at <c>finalized</c>) says of the ledger's SOL payment: a valid Solana Pay transfer
    /// to the recipient carrying the payment's reference, in its slot, from its payer, of the lamports the ledger recorded.
    /// </summary>
    private Verdict JudgeSolana(CreditedPayment payment, SolanaSignature signature, SolanaTransaction? transaction, long final)
    {
        var slot = payment.BlockNumber ?? -1;
        if (transaction is null)
        {
            return final >= slot
                ? new Verdict(Kind.Contradicts, $"has no finalized transaction, yet holds its slot {slot} final (finalized slot {final})")
                : new Verdict(Kind.NotYet, $"has not finalized slot {slot} yet (finalized slot {final})");
        }
        var recipient = SolanaPublicKey.Parse(pricing.Value.Payments.Solana?.Recipient ?? "");
        var expected = new SolanaTransferExpectation(recipient, 1) { References = [SolanaPublicKey.Parse(payment.SourceRef)] };
        var transfer = SolanaTransferValidator.Validate(signature, transaction, expected);
        if (!transfer.IsValid)
        {
            return new Verdict(Kind.Contradicts, $"says it is no valid payment ({transfer.Code}): {transfer.Detail}");
        }
        var payer = SolanaSystemTransfer.TryRead(transaction.Message.Instructions[^1], out var moved) ? moved.Source.ToString() : "none";
        return Differences("its transfer",
                ("slot", transaction.Slot.ToString(CultureInfo.InvariantCulture), payment.BlockNumber?.ToString(CultureInfo.InvariantCulture)),
                ("payer", payer, payment.Payer),
                ("lamports received", transfer.ReceivedLamports?.ToString(CultureInfo.InvariantCulture) ?? "none",
                    payment.Amount.ToString(CultureInfo.InvariantCulture))) is { } lie
            ? new Verdict(Kind.Contradicts, lie)
            : new Verdict(Kind.Agrees, "agrees");
    }

    /// <summary>"what says …" naming each field where the endpoint's value is not the ledger's; null when all are the same.</summary>
    private static string? Differences(string what, params (string Field, string There, string? Ledger)[] fields)
    {
        var differing = fields.Where(f => !string.Equals(f.There, f.Ledger, StringComparison.Ordinal))
            .Select(f => $"{f.Field} {f.There} (the ledger: {f.Ledger ?? "none"})").ToList();
        return differing.Count == 0 ? null : $"{what} says {string.Join(", ", differing)}";
    }

    private static string Show(long? final) => final?.ToString(CultureInfo.InvariantCulture) ?? "unknown";

    private enum Kind
    {
        Agrees,
        NotYet,
        Unreachable,
        Contradicts,
    }

    private sealed record Verdict(Kind Kind, string Detail);

    /// <summary>A confirm endpoint: its host (for logs and reasons) and how to ask it about the payment.</summary>
    private sealed record Endpoint(string Host, Func<CancellationToken, Task<Verdict>> Ask);
}
