using StratosBridge.Ledger.Pauses;

namespace StratosBridge.Relayer.Safety;

/// <summary>
/// Card reconciliation's figures, in USD cents: what the card processor reports paid for our checkouts (sessions and their
/// sum) and what the ledger accounts for (<see cref="CardLedgerTotals"/>: card payments, held and reversed-before-recording
/// checkouts).
/// </summary>
public sealed record CardFigures(long StripeSessions, long StripePaid, CardLedgerTotals Ledger)
{
    /// <summary>Paid at the processor − accounted in the ledger: positive, money taken the ledger does not know of; negative, card payments the processor does not report paid.</summary>
    public long Difference => StripePaid - Ledger.Accounted;
}
