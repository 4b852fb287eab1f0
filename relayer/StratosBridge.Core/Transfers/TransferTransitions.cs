namespace StratosBridge.Core.Transfers;

/// <summary>The allowed moves of the transfer state machine; everything else is refused.</summary>
public static class TransferTransitions
{
    private static readonly Dictionary<TransferStatus, TransferStatus[]> Allowed = new()
    {
        [TransferStatus.Pending] = [TransferStatus.Finalized, TransferStatus.Orphaned],
        [TransferStatus.Finalized] = [TransferStatus.Submitted, TransferStatus.Completed, TransferStatus.Failed],
        [TransferStatus.Submitted] = [TransferStatus.Completed, TransferStatus.Finalized, TransferStatus.Failed],
        [TransferStatus.Orphaned] = [TransferStatus.Pending], // the same log seen again in a new block after a reorg
        [TransferStatus.Completed] = [],
        [TransferStatus.Failed] = [TransferStatus.Finalized],
    };

    public static bool IsAllowed(TransferStatus from, TransferStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static bool IsTerminal(TransferStatus status) => Allowed[status].Length == 0;

    /// <summary>The lower-case name used in the ledger and the API.</summary>
    public static string ToWire(this TransferStatus status) => status.ToString().ToLowerInvariant();

    public static TransferStatus ParseWire(string value) =>
        Enum.TryParse<TransferStatus>(value, ignoreCase: true, out var s) && value == s.ToWire()
            ? s
            : throw new FormatException($"'{value}' is not a transfer status");
}
