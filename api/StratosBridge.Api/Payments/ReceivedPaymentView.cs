using StratosBridge.Api.Chains;
using StratosBridge.Api.Quotes;
using StratosBridge.Api.Transfers;

namespace StratosBridge.Api.Payments;

/// <summary>
/// A payment for a quote as a watcher saw it, and what became of it. <see cref="Payer"/> is EIP-55 on EVM chains (base58
/// on Solana); <see cref="Beneficiary"/> is the account the payment names (null on Solana, where the quote's applies).
/// <see cref="Status"/>: <c>pending</c> (block not final yet: <see cref="Confirmations"/> and <see cref="Eta"/> say when),
/// <c>final</c> (waiting for the matcher), <c>matched</c> (a <see cref="Credit"/> exists), <c>unmatched</c> (nothing
/// credited automatically; operators decide), <c>orphaned</c> (its block was reorganised away). <see cref="Outcome"/> is the
/// matcher's decision (null until decided) and <see cref="Note"/> its explanation, or the latest note while not decided.
/// <see cref="Timeline"/> is every change of its status, oldest first (seen, final, matched or unmatched with the outcome, …).
/// </summary>
public sealed record ReceivedPaymentView(
    long Id,
    string QuoteId,
    string Chain,
    string TxHash,
    string Payer,
    BeneficiaryView? Beneficiary,
    string Asset,
    AmountView Amount,
    long? BlockNumber,
    DateTimeOffset PaidAt,
    string Status,
    ConfirmationsView Confirmations,
    DateTimeOffset? Eta,
    string? Outcome,
    string? Note,
    CreditView? Credit,
    IReadOnlyList<TimelineStepView> Timeline);
