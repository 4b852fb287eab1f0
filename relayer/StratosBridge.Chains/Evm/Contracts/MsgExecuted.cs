using Nethereum.Util;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Contracts;

/// <summary>
/// A decoded <c>MsgExecuted</c> event. The type URL is an indexed string, so the log carries only its keccak256
/// (<see cref="TypeUrlHash"/>); compare with <see cref="IsType"/>.
/// </summary>
public sealed record MsgExecuted(EthAddress Signer, byte[] TypeUrlHash, byte[] Data, EvmLog Log)
{
    public bool IsType(string typeUrl) => TypeUrlHash.AsSpan().SequenceEqual(Sha3Keccack.Current.CalculateHashAsBytes(typeUrl));
}
