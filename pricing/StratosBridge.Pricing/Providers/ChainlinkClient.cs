using System.Collections.Concurrent;
using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Contracts;
using StratosBridge.Chains.Evm.Rpc;
using StratosBridge.Chains.Rest;
using StratosBridge.Pricing.Feeds;

namespace StratosBridge.Pricing.Providers;

/// <summary>
/// Chainlink price feeds read on-chain through the EVM layer (<see cref="ChainlinkAggregatorContract"/>): <c>decimals()</c> once per aggregator, then
/// <c>latestRoundData()</c> → (roundId, answer, startedAt, updatedAt, answeredInRound); the price is
/// answer / 10^decimals and <c>updatedAt</c> (Unix seconds) is its timestamp, so an aggregator that stops updating goes
/// stale. A non-positive answer, a zero <c>updatedAt</c> or <c>answeredInRound &lt; roundId</c> is refused.
/// </summary>
public sealed class ChainlinkClient(EvmRpcClient rpc, string source)
{
    private static readonly ConcurrentDictionary<(Uri?, string), int> DecimalsCache = new();

    /// <summary>Reads each asset's aggregator (asset → aggregator address).</summary>
    public async Task<IReadOnlyList<SourceReading>> FetchAsync(IReadOnlyDictionary<string, string> aggregators, CancellationToken ct)
    {
        var readings = new List<SourceReading>();
        foreach (var (asset, aggregator) in aggregators)
        {
            try
            {
                var decimals = await DecimalsOfAsync(aggregator, ct);
                var data = await CallAsync(aggregator, new ChainlinkAggregatorContract.LatestRoundDataFunction(), ct);
                var (price, updatedAt) = ParseRound(data, decimals);
                readings.Add(SourceReading.Of(asset, price, updatedAt));
            }
            catch (PriceFeedException e) when (!e.IsTransient)
            {
                readings.Add(SourceReading.Failed(asset, e.Describe()));
            }
            catch (FormatException e)
            {
                readings.Add(SourceReading.Failed(asset, $"Malformed: {e.Message}"));
            }
        }
        return readings;
    }

    /// <summary>Price and time of a <c>latestRoundData()</c> return value; <see cref="FormatException"/> when unusable.</summary>
    public static (decimal Price, DateTimeOffset UpdatedAt) ParseRound(ReadOnlySpan<byte> returnData, int decimals)
    {
        var round = ContractCalls.DecodeOutput<ChainlinkAggregatorContract.RoundData>(Hex.Encode(returnData));
        var (roundId, answer, updatedAt, answeredInRound) = (round.RoundId, round.Answer, round.UpdatedAt, round.AnsweredInRound);
        if (answer.Sign <= 0)
        {
            throw new FormatException($"answer {answer} is not a positive price");
        }
        if (updatedAt.IsZero || updatedAt > long.MaxValue / 2)
        {
            throw new FormatException($"updatedAt {updatedAt} is not a round's time (incomplete round)");
        }
        if (answeredInRound < roundId)
        {
            throw new FormatException($"answeredInRound {answeredInRound} < roundId {roundId}: the answer is carried over from an older round");
        }
        if (decimals is < 0 or > 28 || answer > new BigInteger(decimal.MaxValue))
        {
            throw new FormatException($"answer {answer} with {decimals} decimals does not fit a decimal");
        }
        var price = (decimal)answer;
        for (var i = 0; i < decimals; i++)
        {
            price /= 10m;
        }
        return (price, DateTimeOffset.FromUnixTimeSeconds((long)updatedAt));
    }

    private async Task<int> DecimalsOfAsync(string aggregator, CancellationToken ct)
    {
        var key = (rpc.Endpoint, aggregator.ToLowerInvariant());
        if (DecimalsCache.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var data = await CallAsync(aggregator, new ChainlinkAggregatorContract.DecimalsFunction(), ct);
        int decimals;
        try
        {
            decimals = ContractCalls.DecodeOutput<int>(ABITypedRegistry.GetFunctionABI<ChainlinkAggregatorContract.DecimalsFunction>(), Hex.Encode(data));
        }
        catch (FormatException e)
        {
            throw new PriceFeedException(source, RestErrorKind.Malformed, $"decimals() of {aggregator}: {e.Message}", inner: e);
        }
        return DecimalsCache.GetOrAdd(key, decimals);
    }

    private async Task<byte[]> CallAsync<TFunction>(string aggregator, TFunction function, CancellationToken ct) where TFunction : FunctionMessage, new()
    {
        var name = FunctionAttribute.GetAttribute<TFunction>().Name;
        string result;
        try
        {
            result = await rpc.CallAsync(new CallInput { To = aggregator, Data = Hex.Encode(function.GetCallData()) }, EvmBlocks.Latest, ct);
        }
        catch (EvmRpcExecutionRevertedException e)
        {
            throw new PriceFeedException(source, RestErrorKind.Refused, $"{name}() on {aggregator} reverted: {e.RpcMessage}", inner: e);
        }
        catch (EvmRpcException e)
        {
            throw new PriceFeedException(source, e.IsTransient ? RestErrorKind.Connection : RestErrorKind.Refused,
                $"{name}() on {aggregator}: {e.Kind}: {e.RpcMessage}", inner: e);
        }
        var data = Hex.Decode(result);
        if (data.Length == 0)
        {
            throw new PriceFeedException(source, RestErrorKind.Refused, $"{aggregator} has no code or returned nothing for {name}()");
        }
        return data;
    }
}
