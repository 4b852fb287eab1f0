using System.Numerics;

namespace StratosBridge.Ledger.Payments;

/// <summary>
/// A credit with what earned it (see <c>0005_payments.sql</c> for the lifecycle): a payment (the <c>Payment*</c> fields and
/// <see cref="QuoteId"/>), or a grant claim (<see cref="GrantClaimId"/> and <see cref="GrantProgram"/>, <c>0026_grants.sql</c>).
/// </summary>
public sealed record CreditRow(
    long Id,
    long? PaymentId,
    string? QuoteId,
    string Beneficiary,
    BigInteger StosWei,
    BigInteger? QuotedNoz,
    string Status,
    int Attempts,
    string? TxHash,
    long? BlockNumber,
    BigInteger? PurchasedNoz,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? PaymentChain,
    string? PaymentTxHash,
    string? PaymentAsset,
    BigInteger? PaymentAmount,
    string? PaymentOutcome,
    long? GrantClaimId,
    string? GrantProgram);

/// <summary>
/// A ready credit claimed by a worker: what to prepay, for whom, and the payment that earned it (null for a grant's credit),
/// which the worker has confirmed before it signs.
/// </summary>
public sealed record ClaimedCredit(long Id, string Beneficiary, BigInteger StosWei, int Attempts, CreditedPayment? Payment = null);

/// <summary>
/// The payment behind a claimed credit as its source event recorded it: on an EVM chain <see cref="SourceRef"/> is the
/// <c>OzonePaid</c> log's index in <see cref="TxHash"/>, mined in block <see cref="BlockNumber"/> (<see cref="BlockHash"/>).
/// </summary>
public sealed record CreditedPayment(
    long Id,
    string Chain,
    string TxHash,
    string SourceRef,
    long? BlockNumber,
    string? BlockHash,
    string QuoteId,
    string Payer,
    string? Beneficiary,
    BigInteger Amount);
