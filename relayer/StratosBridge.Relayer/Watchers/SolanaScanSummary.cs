namespace StratosBridge.Relayer.Watchers;

/// <summary>What one <see cref="SolanaPaymentScanner.PollAsync"/> did, for logs and tests.</summary>
/// <param name="Monitored">SOL quotes whose payments are watched (what they cost is one database query per poll).</param>
/// <param name="Listed">New signatures of the recipient listed this poll.</param>
/// <param name="Read">Transactions read this poll (those handled before and those already recorded are not read again).</param>
/// <param name="Recorded">New payments recorded in the ledger.</param>
/// <param name="Invalid">Transactions carrying a monitored quote's reference that are not a valid payment (recorded once as failed source events, never credited).</param>
public sealed record SolanaScanSummary(int Monitored, int Listed, int Read, int Recorded, int Invalid);
