using StratosBridge.Chains.Evm.Contracts;

namespace StratosBridge.Chains.Evm.Submitting;

/// <summary>
/// A contract call reverted (found by gas estimation before sending, or by replaying a mined transaction that failed).
/// <see cref="Reason"/> names the custom error, e.g. <c>DailyCapExceeded</c>, when the contract's binding knows it.
/// </summary>
public sealed class ContractRevertedException(RevertReason reason, string? transactionHash = null)
    : Exception(transactionHash is null ? $"the call reverted: {reason}" : $"transaction {transactionHash} reverted: {reason}")
{
    public RevertReason Reason { get; } = reason;

    /// <summary>The error's name (<c>SourceEventAlreadyUsed</c>, <c>Error</c>, <c>Panic</c>), or null when unrecognised.</summary>
    public string? ErrorName => Reason.Name;

    /// <summary>The mined transaction that failed, or null when the revert was found before sending.</summary>
    public string? TransactionHash { get; } = transactionHash;
}
