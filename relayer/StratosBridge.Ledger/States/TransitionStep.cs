namespace StratosBridge.Ledger.States;

/// <summary>Who made a state change and what goes on the timeline with it.</summary>
public sealed record TransitionStep(string Actor, string? Note = null, string? Chain = null, string? TxHash = null);
