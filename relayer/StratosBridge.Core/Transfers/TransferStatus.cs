namespace StratosBridge.Core.Transfers;

/// <summary>
/// Where a transfer is: <c>pending → finalized → submitted → completed</c>, with the side states
/// <c>orphaned</c> (its source block was reorganised away) and <c>failed</c> (parked with a reason).
/// </summary>
public enum TransferStatus
{
    Pending,
    Finalized,
    Submitted,
    Completed,
    Orphaned,
    Failed,
}
