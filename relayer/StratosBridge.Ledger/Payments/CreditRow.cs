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

/// <summary>A ready credit claimed by a worker: what to prepay, for whom.</summary>
public sealed record ClaimedCredit(long Id, string Beneficiary, BigInteger StosWei, int Attempts);
