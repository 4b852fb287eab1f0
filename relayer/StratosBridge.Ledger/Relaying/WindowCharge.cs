namespace StratosBridge.Ledger.Relaying;

/// <summary>
/// What a signed batch takes from its source chain's governor window: each transfer's USD value, and the limit the window
/// must stay under over <see cref="Window"/>. Transfers the governor released (<see cref="GovernedTransfer.Released"/>) are
/// charged but never refused.
/// </summary>
public sealed record WindowCharge(string SourceChain, decimal? LimitUsd, TimeSpan Window, IReadOnlyList<GovernedTransfer> Transfers)
{
    public decimal TotalUsd => Transfers.Sum(t => t.Usd);
}
