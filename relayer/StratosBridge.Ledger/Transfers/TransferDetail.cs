using System.Numerics;
using StratosBridge.Ledger.States;

namespace StratosBridge.Ledger.Transfers;

/// <summary>
/// A transfer with everything the API shows about it: its source event, its destination transaction (null until one
/// is signed) and its timeline, oldest step first. <see cref="Status"/> is the wire name of a <c>TransferStatus</c>;
/// addresses are 0x lower case as stored. <see cref="DelayReason"/> and <see cref="DelayedUntil"/> (null while held
/// indefinitely) say why and until when the governor holds a <c>delayed</c> transfer back.
/// </summary>
public sealed record TransferDetail(
    long Id,
    string Status,
    string SourceChain,
    string DestChain,
    string Sender,
    string Recipient,
    BigInteger Amount,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    TransferSource Source,
    TransferDestinationTx? DestinationTx,
    IReadOnlyList<TimelineRow> Timeline,
    string? DelayReason = null,
    DateTimeOffset? DelayedUntil = null);
