namespace StratosBridge.Core.Payments;

/// <summary>
/// Where a received payment is: <c>pending</c> (seen, not final) → <c>final</c> → <c>matched</c> (a credit was opened) or
/// <c>unmatched</c> (kept for an operator); <c>orphaned</c> when its block was reorganised away.
/// </summary>
public enum PaymentStatus
{
    Pending,
    Final,
    Matched,
    Unmatched,
    Orphaned,
}
