using System.Numerics;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>A decoded <c>StosVault.Locked</c> event with the log it came from (block, tx hash, log index).</summary>
public sealed record VaultLocked(ulong Nonce, EthAddress Sender, EthAddress Recipient, BigInteger Amount, BigInteger DestChainId, EvmLog Log);
