using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace StratosBridge.Chains.Evm.Rpc;

/// <summary>The answer of <c>eth_feeHistory</c>.</summary>
/// <param name="BaseFeePerGas">One entry per block in the range plus the next block's base fee.</param>
/// <param name="GasUsedRatio">Per block, gasUsed / gasLimit (exact decimal, never double).</param>
/// <param name="Reward">Per block, the priority fee at each requested percentile; empty when none were asked.</param>
public sealed record EvmFeeHistory(
    long OldestBlock,
    IReadOnlyList<BigInteger> BaseFeePerGas,
    IReadOnlyList<decimal> GasUsedRatio,
    IReadOnlyList<IReadOnlyList<BigInteger>> Reward)
{
    internal static EvmFeeHistory Parse(JsonElement history) => new(
        EvmRpcHex.ParseLong(EvmRpcJson.Required(history, "oldestBlock")),
        EvmRpcJson.Required(history, "baseFeePerGas").EnumerateArray().Select(EvmRpcHex.ParseQuantity).ToArray(),
        EvmRpcJson.Required(history, "gasUsedRatio").EnumerateArray().Select(ParseRatio).ToArray(),
        EvmRpcJson.Optional(history, "reward") is { } reward
            ? reward.EnumerateArray()
                .Select(IReadOnlyList<BigInteger> (block) => block.EnumerateArray().Select(EvmRpcHex.ParseQuantity).ToArray())
                .ToArray()
            : []);

    private static decimal ParseRatio(JsonElement ratio) =>
        ratio.TryGetDecimal(out var value)
            ? value
            : decimal.Parse(ratio.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
