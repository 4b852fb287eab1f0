namespace StratosBridge.Api.Transfers;

/// <summary>Where a transfer goes: the destination chain and, once signed, the transaction, its status and block.</summary>
public sealed record TransferDestinationView(string Chain, string? TxHash, string? TxStatus, long? BlockNumber);
