using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Ledger.Payments;
using StratosBridge.Relayer.Configuration;

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
/// </summary>
public sealed class PaymentConfirmation(ChainClients chains, IOptions<CreditOptions> options, ILogger<PaymentConfirmation> logger)
{
    /// <summary>Asks the payment's chain's confirm endpoints, all at once, and counts those that agree.</summary>
    public async Task<ConfirmationOutcome> ConfirmAsync(long creditId, CreditedPayment payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (!chains.Names.Contains(payment.Chain) || chains.Options(payment.Chain) is not { ConfirmRpcUrls.Count: > 0 } config)
        {
            return ConfirmationOutcome.NotRequired;
        }
        var endpoints = chains.ConfirmRpcs(payment.Chain);
        var verdicts = await Task.WhenAll(endpoints.Select(e => AskAsync(e.Host, e.Rpc, payment, config, ct)));
        foreach (var (host, contradiction) in endpoints.Zip(verdicts).Where(v => v.Second.Kind == Kind.Contradicts)
                     .Select(v => (v.First.Host, v.Second.Detail)))
        {
            logger.LogError("ALARM payment {TxHash} on {Chain} (log {LogIndex}, quote {QuoteId}, credit {CreditId}): confirm endpoint {Endpoint} " +
                            "contradicts the watcher's node: {Contradiction}; the credit is not signed",
                payment.TxHash, payment.Chain, payment.SourceRef, payment.QuoteId, creditId, host, contradiction);
        }
        var agreeing = verdicts.Count(v => v.Kind == Kind.Agrees);
        var summary = string.Join("; ", endpoints.Zip(verdicts).Select(v => $"{v.First.Host} {v.Second.Detail}"));
        return new ConfirmationOutcome(agreeing, config.Quorum, endpoints.Count, summary);
    }

    private async Task<Verdict> AskAsync(string host, EvmRpcClient rpc, CreditedPayment payment, ChainOptions config, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.ConfirmTimeout);
        try
        {
            var receipt = await rpc.GetTransactionReceiptAsync(payment.TxHash, timeout.Token);
            var final = await chains.FinalHeightAsync(payment.Chain, rpc, timeout.Token);
            return Judge(payment, config, receipt, final);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Verdict(Kind.Unreachable, $"did not answer within {options.Value.ConfirmTimeout.TotalSeconds:0.#} s");
        }
        catch (EvmRpcException e)
        {
            logger.LogWarning("Confirm endpoint {Endpoint} of {Chain} could not answer for payment {TxHash}: {Kind}", host, payment.Chain,
                payment.TxHash, e.Kind);
            return new Verdict(Kind.Unreachable, $"could not answer ({e.Kind})");
        }
    }

    /// <summary>What one endpoint's receipt and final height say of the ledger's payment.</summary>
    private static Verdict Judge(CreditedPayment payment, ChainOptions config, TransactionReceipt? receipt, long? final)
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
        var differences = new List<string>();
        Compare("quote id", Hex.Encode(paid.QuoteId), payment.QuoteId);
        Compare("payer", EthAddress.Parse(paid.Payer).ToLowerHex(), payment.Payer);
        Compare("beneficiary", EthAddress.Parse(paid.Beneficiary).ToLowerHex(), payment.Beneficiary);
        Compare("amount", paid.Amount.ToString(CultureInfo.InvariantCulture), payment.Amount.ToString(CultureInfo.InvariantCulture));
        return differences.Count == 0 ? null : $"its OzonePaid says {string.Join(", ", differences)}";

        void Compare(string what, string there, string? ledger)
        {
            if (!string.Equals(there, ledger, StringComparison.OrdinalIgnoreCase))
            {
                differences.Add($"{what} {there} (the ledger: {ledger ?? "none"})");
            }
        }
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
}
