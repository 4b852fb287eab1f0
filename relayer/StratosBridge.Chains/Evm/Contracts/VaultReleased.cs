using System.Numerics;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>A decoded <c>StosVault.Released</c> event with the log it came from.</summary>
public sealed record VaultReleased(byte[] SourceEventId, EthAddress Recipient, BigInteger Amount, EvmLog Log);
