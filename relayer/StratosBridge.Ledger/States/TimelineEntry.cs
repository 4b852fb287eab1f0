namespace StratosBridge.Ledger.States;

/// <summary>STAND-IN for the lead's foundation (issue 13 item 8): one row of the generic timeline.</summary>
public sealed record TimelineEntry(long Id, string Subject, long SubjectId, DateTimeOffset At, string Status, string? Chain, string? TxHash,
    string Actor, string? Note);
