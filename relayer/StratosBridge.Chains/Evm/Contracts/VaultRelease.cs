using System.Numerics;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>One release the vault is asked to make: the source event's 32-byte id, who receives, how much (base units).</summary>
public sealed record VaultRelease(byte[] SourceEventId, EthAddress Recipient, BigInteger Amount);
