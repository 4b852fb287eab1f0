using System.Numerics;

namespace StratosBridge.Ledger.Watching;

/// <summary>
/// A vault <c>Locked</c> log as a watcher saw it (not yet final). <see cref="DestChain"/> is the configured name of the
/// destination chain, or <c>unknown:{chainId}</c> when no configured chain has that id (the transfer then fails at
/// finality with a reason, visible to operators). <see cref="PayloadJson"/> keeps the decoded event for audit.
/// </summary>
public sealed record ObservedLock(
    string TxHash,
    int LogIndex,
    long BlockNumber,
    string BlockHash,
    string Sender,
    string Recipient,
    BigInteger Amount,
    string DestChain,
    string PayloadJson);
