using System.Numerics;

namespace StratosBridge.Ledger.Attestations;

/// <summary>
/// A lock an attester has not signed yet, as the ledger records it: what the attester is asked to check against its own
/// node (the source transaction, log index and block) and what the ledger claims it contains. Never signed on this word:
/// the attester signs what its own node shows, and only when the two agree.
/// </summary>
public sealed record AwaitedAttestation(long TransferId, AttestationKind Kind, string SourceChain, string DestChain, string TxHash, int LogIndex,
    long BlockNumber, string SourceVault, ulong LockNonce, string Sender, string Recipient, BigInteger Amount, string DestChainId, string ReleaseId);
