using System.Numerics;

namespace StratosBridge.Ledger.Relaying;

/// <summary>
/// A transfer on the refund path with nothing in flight: its stage (<c>cancelling</c> or <c>refunding</c>), its route, the
/// lock it came from (source vault, nonce, release id) and who is paid back how much (the sender, the amount locked).
/// </summary>
public sealed record RefundWork(long TransferId, string Status, string SourceChain, string DestChain, string SourceVault, ulong LockNonce,
    string ReleaseId, string Sender, string Recipient, BigInteger Amount);
