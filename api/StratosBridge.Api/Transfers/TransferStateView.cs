namespace StratosBridge.Api.Transfers;

/// <summary>A transfer's state as an operator's decision finds it: its id, status, attempts and last error.</summary>
public sealed record TransferStateView(long Id, string SourceChain, string DestChain, string Status, int Attempts, string? LastError);
