namespace StratosBridge.Bench;

/// <summary>
/// The times of the completed credits of <c>ops/bench payments</c>, each list sorted: from the payment's finality
/// (<c>payments.final_at</c>) to its credit's prepay receipt (<c>credits.completed_at</c>), and the stages in between —
/// finality → matched (the credit is created), matched → prepay signed (waiting for a free slot under
/// <c>Credits:MaxInFlight</c>), signed → receipt recorded (inclusion on Stratos and the worker's next follow); and the
/// first finality, the last finality and the last receipt.
/// </summary>
public sealed record PaymentTimings(
    IReadOnlyList<TimeSpan> FinalToReceipt,
    IReadOnlyList<TimeSpan> FinalToMatched,
    IReadOnlyList<TimeSpan> MatchedToSigned,
    IReadOnlyList<TimeSpan> SignedToReceipt,
    DateTimeOffset FirstFinal,
    DateTimeOffset LastFinal,
    DateTimeOffset LastReceipt);
