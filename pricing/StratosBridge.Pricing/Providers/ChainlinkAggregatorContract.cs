using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm.Contracts;

namespace StratosBridge.Pricing.Providers;

/// <summary>
/// The two views of a Chainlink aggregator (<c>AggregatorV3Interface</c>) the price feed reads, as Nethereum DTOs, checked
/// against <c>DevPriceFeed</c> (contracts/src/dev), the aggregator the devnet and tests deploy.
/// </summary>
public static class ChainlinkAggregatorContract
{
    public static ContractBinding Binding { get; } = ContractBinding.Of("DevPriceFeed", typeof(ChainlinkAggregatorContract));

    [Function("decimals", "uint8")]
    public sealed class DecimalsFunction : FunctionMessage;

    [Function("latestRoundData", typeof(RoundData))]
    public sealed class LatestRoundDataFunction : FunctionMessage;

    /// <summary>What <c>latestRoundData()</c> returns; the price is answer / 10^decimals as of <c>updatedAt</c> (Unix seconds).</summary>
    [FunctionOutput]
    public sealed class RoundData : IFunctionOutputDTO
    {
        [Parameter("uint80", "roundId", 1)] public BigInteger RoundId { get; set; }
        [Parameter("int256", "answer", 2)] public BigInteger Answer { get; set; }
        [Parameter("uint256", "startedAt", 3)] public BigInteger StartedAt { get; set; }
        [Parameter("uint256", "updatedAt", 4)] public BigInteger UpdatedAt { get; set; }
        [Parameter("uint80", "answeredInRound", 5)] public BigInteger AnsweredInRound { get; set; }
    }

    /// <summary>The dev feed's refusal before its first round (real aggregators revert without data).</summary>
    [Error("NoDataPresent")]
    public sealed class NoDataPresentError : IErrorDTO;
}
