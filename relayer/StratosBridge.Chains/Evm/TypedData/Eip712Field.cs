namespace StratosBridge.Chains.Evm.TypedData;

/// <summary>One member of an EIP-712 struct type: its name and its type ("address", "uint256", "Person", "Person[]", "bytes32[2]"…).</summary>
public sealed record Eip712Field(string Name, string Type);
