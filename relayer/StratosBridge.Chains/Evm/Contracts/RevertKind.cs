namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>What revert data turned out to be.</summary>
public enum RevertKind
{
    /// <summary>No data: <c>revert()</c>, <c>require(cond)</c> without a message, out of gas, or an invalid opcode.</summary>
    Empty,

    /// <summary><c>Error(string)</c>.</summary>
    Error,

    /// <summary><c>Panic(uint256)</c>.</summary>
    Panic,

    /// <summary>One of the custom errors given to <see cref="RevertReason.Decode"/>.</summary>
    Custom,

    /// <summary>Anything else, including data that has a known selector but does not decode.</summary>
    Unrecognised,
}
