namespace StratosBridge.Api.Transfers;

/// <summary>Where a transfer came from: the source transaction, the log within it, and its block.</summary>
public sealed record TransferSourceView(string Chain, string TxHash, long? LogIndex, long? BlockNumber, string? BlockHash);
