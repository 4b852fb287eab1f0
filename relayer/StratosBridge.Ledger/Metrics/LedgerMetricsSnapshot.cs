namespace StratosBridge.Ledger.Metrics;

/// <summary>What <see cref="LedgerMetricsQueries"/> read: counts by their labels, next nonces per signer, governed USD per source chain.</summary>
public sealed record LedgerMetricsSnapshot(
    IReadOnlyList<(string Source, string Dest, string State, long Count)> Transfers,
    IReadOnlyList<(string State, long Count)> Credits,
    IReadOnlyList<(string Chain, long Count)> UnmatchedPayments,
    IReadOnlyList<(string Chain, string Signer, long NextNonce)> SignerNonces,
    IReadOnlyList<(string Chain, decimal Usd)> GovernedUsd)
{
    public static readonly LedgerMetricsSnapshot Empty = new([], [], [], [], []);
}
