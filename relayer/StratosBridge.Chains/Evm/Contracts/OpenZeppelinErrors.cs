using Nethereum.ABI.FunctionEncoding.Attributes;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// Custom errors of OpenZeppelin's AccessControl, Pausable and ReentrancyGuard that several of our contracts raise; each
/// contract's binding lists the ones its ABI has. Names and parameters are OpenZeppelin Contracts 5's.
/// </summary>
public static class OpenZeppelinErrors
{
    [Error("AccessControlBadConfirmation")]
    public sealed class AccessControlBadConfirmationError : IErrorDTO;

    [Error("AccessControlUnauthorizedAccount")]
    public sealed class AccessControlUnauthorizedAccountError : IErrorDTO
    {
        [Parameter("address", "account", 1)] public string Account { get; set; } = "";
        [Parameter("bytes32", "neededRole", 2)] public byte[] NeededRole { get; set; } = [];
    }

    [Error("EnforcedPause")]
    public sealed class EnforcedPauseError : IErrorDTO;

    [Error("ExpectedPause")]
    public sealed class ExpectedPauseError : IErrorDTO;

    [Error("ReentrancyGuardReentrantCall")]
    public sealed class ReentrancyGuardReentrantCallError : IErrorDTO;

    /// <summary>AccessControl's and Pausable's errors, raised by every contract with roles and a pause switch.</summary>
    public static readonly IReadOnlyList<Type> AccessControlAndPausable =
    [
        typeof(AccessControlBadConfirmationError), typeof(AccessControlUnauthorizedAccountError), typeof(EnforcedPauseError),
        typeof(ExpectedPauseError),
    ];
}
