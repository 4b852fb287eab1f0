using System.Numerics;

namespace StratosBridge.Ledger.Payments;

/// <summary>
/// A payment for a quote as a watcher saw it: an <c>OzonePaid</c> log (<see cref="SourceRef"/> = its log index, in a block
/// that may still reorg) or a finalized Solana transaction carrying a quote's reference (<see cref="SourceRef"/> = the
/// reference). <see cref="Beneficiary"/> is the account the payment names (OzonePaid's), null when the payment names
/// none (Solana: the quote's applies). <see cref="PayloadJson"/> keeps the decoded event or validation for audit.
/// </summary>
public sealed record ObservedPayment(
    string TxHash,
    string SourceRef,
    long? BlockNumber,
    string? BlockHash,
    DateTimeOffset PaidAt,
    string QuoteId,
    string Payer,
    string? Beneficiary,
    string Asset,
    BigInteger Amount,
    string PayloadJson)
{
    /// <summary>The source event kind: <c>ozone-paid</c> (EVM), <c>solana-pay</c> or <c>card-checkout</c> (a paid Stripe Checkout Session).</summary>
    public string Kind => Asset switch
    {
        "SOL" => "solana-pay",
        "USD" => "card-checkout",
        _ => "ozone-paid",
    };
}
