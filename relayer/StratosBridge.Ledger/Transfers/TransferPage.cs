namespace StratosBridge.Ledger.Transfers;

/// <summary>One page of a wallet's transfers, newest first; <see cref="NextBefore"/> is the cursor of the next page (null on the last).</summary>
public sealed record TransferPage(IReadOnlyList<TransferDetail> Transfers, long? NextBefore);
