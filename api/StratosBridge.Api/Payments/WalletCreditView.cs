using StratosBridge.Api.Transfers;

namespace StratosBridge.Api.Payments;

/// <summary>
/// A credit of a wallet (as beneficiary): what earned it, either the quote and the <see cref="Payment"/>, or a free Ozone
/// <see cref="Grant"/> (then <see cref="QuoteId"/> and <see cref="Payment"/> are null), and the prepay on Stratos. Fields as
/// in <see cref="CreditView"/>.
/// </summary>
public sealed record WalletCreditView(
    long Id,
    string? QuoteId,
    string Status,
    CreditPaymentView? Payment,
    CreditGrantView? Grant,
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
