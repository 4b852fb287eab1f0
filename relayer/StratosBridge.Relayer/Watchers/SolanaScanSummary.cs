namespace StratosBridge.Relayer.Watchers;

/// <summary>What one <see cref="SolanaPaymentScanner.PollAsync"/> did, for logs and tests.</summary>
/// <param name="Monitored">SOL quotes whose payments are watched.</param>
/// <param name="Checked">Quotes whose reference was looked up this poll (the ones due).</param>
/// <param name="Judged">Transactions validated this poll (those judged before and those already recorded are not read again).</param>
/// <param name="Recorded">New payments recorded in the ledger.</param>
/// <param name="Invalid">Transactions carrying a quote's reference that are not a valid payment (logged once, not recorded).</param>
public sealed record SolanaScanSummary(int Monitored, int Checked, int Judged, int Recorded, int Invalid);
