using System.Numerics;

namespace StratosBridge.Ledger.Relaying;

/// <summary>
/// A finalized transfer claimed for relaying: what the destination vault is asked to release. <see cref="SourceVault"/> and
/// <see cref="LockNonce"/> come from the lock; the vault computes <see cref="ReleaseId"/> from them and its peer chain id.
/// <see cref="GovernorReleased"/>: it was delayed by the governor and released since (its time came, or an operator's): it is
/// not checked against the governor's limits again.
/// </summary>
public sealed record ClaimedRelease(long TransferId, string ReleaseId, string SourceVault, ulong LockNonce, string Recipient, BigInteger Amount,
    int Attempts, bool GovernorReleased = false);
