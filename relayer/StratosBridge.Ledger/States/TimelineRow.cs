namespace StratosBridge.Ledger.States;

/// <summary>One step of a transfer's, payment's, credit's, checkout's or outgoing transaction's history, as the API shows it.</summary>
public sealed record TimelineRow(long Id, string Subject, long SubjectId, DateTimeOffset At, string Status, string? Chain, string? TxHash,
    string Actor, string? Note);
