using System.Numerics;

namespace StratosBridge.Ledger.Relaying;

/// <summary>A finalized transfer claimed for relaying: what the destination vault is asked to release.</summary>
public sealed record ClaimedRelease(long TransferId, string ReleaseId, string Recipient, BigInteger Amount, int Attempts);
