using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>Reads of Nethereum's RPC DTOs that <see cref="EvmRpcClient"/> has checked (the fields are present).</summary>
public static class EvmRpcDtos
{
    /// <summary>Receipt status 1; the client refuses any status but 0 and 1.</summary>
    public static bool Succeeded(this TransactionReceipt receipt) => receipt.Status.Value.IsOne;

    /// <summary>A block number, index or gas figure as a <c>long</c>.</summary>
    public static long ToLong(this HexBigInteger value) => (long)value.Value;
}
