using System.Numerics;

namespace StratosBridge.Ledger.Payments;

/// <summary>A payment as the ledger holds it (see <c>0005_payments.sql</c> for the lifecycle).</summary>
public sealed record PaymentRow(
    long Id,
    string Chain,
    string TxHash,
    string QuoteId,
    string Payer,
    string? Beneficiary,
    string Asset,
    BigInteger Amount,
    long? BlockNumber,
    DateTimeOffset PaidAt,
    string Status,
    DateTimeOffset? FinalAt,
    string? Outcome,
    string? Note,
    DateTimeOffset CreatedAt);
