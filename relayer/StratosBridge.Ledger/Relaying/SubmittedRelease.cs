using System.Numerics;

namespace StratosBridge.Ledger.Relaying;

/// <summary>
/// A transfer riding on an outgoing transaction, with the release id the vault's events name it by and the content
/// (recipient, amount) the vault must have recorded for that id for the transfer to count as done.
/// </summary>
public sealed record SubmittedRelease(long TransferId, string ReleaseId, string Recipient, BigInteger Amount);
