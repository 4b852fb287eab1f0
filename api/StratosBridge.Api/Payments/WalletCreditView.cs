using StratosBridge.Api.Transfers;

namespace StratosBridge.Api.Payments;

/// <summary>
/// A credit of a wallet (as beneficiary): the quote and the <see cref="Payment"/> that earned it, and the prepay on Stratos.
/// Fields as in <see cref="CreditView"/>.
/// </summary>
public sealed record WalletCreditView(
    long Id,
    string QuoteId,
    string Status,
    CreditPaymentView Payment,
    string? TxHash,
    long? BlockNumber,
    string StosWei,
    string? QuotedNoz,
    string? QuotedOz,
    string? PurchasedNoz,
    string? PurchasedOz,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? LastError,
    int Attempts,
    IReadOnlyList<TimelineStepView> Timeline);
