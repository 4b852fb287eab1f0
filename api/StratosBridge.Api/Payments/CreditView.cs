using StratosBridge.Api.Transfers;

namespace StratosBridge.Api.Payments;

/// <summary>
/// The Ozone bought on Stratos for a matched payment: <c>MsgPrepay</c> of <see cref="StosWei"/> for the beneficiary.
/// <see cref="Status"/>: <c>ready</c> (queued; <see cref="LastError"/> set while it waits to retry), <c>submitted</c>
/// (<see cref="TxHash"/> broadcast on Stratos), <c>completed</c> (mined in <see cref="BlockNumber"/>), <c>failed</c> (refused
/// for good, with the reason in <see cref="LastError"/>; operators decide), <c>needs-operator</c> (its prepay succeeded but
/// could not be classified, or its nonce was taken: never redone without an operator; the reason in <see cref="LastError"/>).
/// <see cref="Attempts"/> counts the prepay attempts that failed; <see cref="Timeline"/> is every state change, oldest first. <see cref="QuotedNoz"/> is what the quote
/// promised (null for an open amount or a re-priced payment), <see cref="PurchasedNoz"/> what the chain reported
/// (null until read). Amounts are strings of base units (wei, noz); the <c>Oz</c> twins are the same noz in OZ.
/// </summary>
public sealed record CreditView(
    long Id,
    string Status,
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
