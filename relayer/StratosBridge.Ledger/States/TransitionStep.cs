namespace StratosBridge.Ledger.States;

/// <summary>STAND-IN for the lead's foundation (issue 13 item 8): a timeline row's content.</summary>
public sealed record TransitionStep(string Actor, string? Note = null, string? Chain = null, string? TxHash = null);
