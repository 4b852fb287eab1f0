using System.Numerics;
using StratosBridge.Chains.Evm.Rpc;

namespace StratosBridge.Chains.Evm.Submitting;

/// <summary>
/// EIP-1559 fees for a new transaction: tip = the node's <c>eth_maxPriorityFeePerGas</c> (at least 1 wei),
/// max fee = 2 × the latest base fee + tip, so the transaction stays includable through six full blocks of base-fee rise.
/// </summary>
public sealed record EvmFeeSuggestion(BigInteger MaxPriorityFeePerGas, BigInteger MaxFeePerGas)
{
    public static async Task<EvmFeeSuggestion> FetchAsync(EvmRpcClient rpc, CancellationToken ct = default)
    {
        var latest = await rpc.GetBlockByNumberAsync(EvmBlocks.Latest, ct)
                     ?? throw new EvmRpcTransientException("eth_getBlockByNumber", EvmRpcErrorKind.BlockNotAvailable, 0,
                         "the node has no latest block");
        var tip = BigInteger.Max(BigInteger.One, await rpc.MaxPriorityFeePerGasAsync(ct));
        var baseFee = latest.BaseFeePerGas?.Value ?? throw new NotSupportedException("the chain has no EIP-1559 base fee");
        return new EvmFeeSuggestion(tip, baseFee * 2 + tip);
    }

    /// <summary>
    /// Fees for a replacement of a stuck transaction with the same nonce: at least <paramref name="percent"/>% above
    /// both of <paramref name="previous"/>'s fees (nodes require ≥ 10%), and no lower than a fresh suggestion.
    /// </summary>
    public EvmFeeSuggestion BumpedFrom(EvmFeeSuggestion previous, int percent = 20)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var tip = BigInteger.Max(MaxPriorityFeePerGas, previous.MaxPriorityFeePerGas * (100 + percent) / 100 + 1);
        var max = BigInteger.Max(MaxFeePerGas, previous.MaxFeePerGas * (100 + percent) / 100 + 1);
        return new EvmFeeSuggestion(tip, BigInteger.Max(max, tip));
    }

    /// <summary>These fees with the max fee per gas no higher than <paramref name="cap"/> (and the tip no higher than the max fee).</summary>
    public EvmFeeSuggestion CappedAt(BigInteger cap)
    {
        var max = BigInteger.Min(MaxFeePerGas, cap);
        return new EvmFeeSuggestion(BigInteger.Min(MaxPriorityFeePerGas, max), max);
    }
}
