using System.Numerics;
using System.Text.Json;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using StratosBridge.Chains.Evm;
using StratosBridge.TestKit;
using StratosBridge.Tests.Integration.Evm.Rpc;

namespace StratosBridge.Tests.Integration.Quotes;

/// <summary>A real anvil as "ethereum" (chain id 1) where tests deploy <c>DevPriceFeed</c> (contracts/artifacts) aggregators.</summary>
public sealed class ChainlinkAnvilFixture : AnvilRpcFixture
{
    protected override long ChainId => 1;

    protected override bool Automine => true;

    protected override string[] AnvilArgs => [];

    /// <summary>Deploys a feed with <paramref name="decimals"/> and a first round answering <paramref name="answer"/> now.</summary>
    public async Task<string> DeployFeedAsync(int decimals, string description, BigInteger answer)
    {
        using var artifact = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "contracts", "artifacts", "DevPriceFeed.json")));
        var deployment = new FeedDeployment
        {
            ByteCode = artifact.RootElement.GetProperty("bytecode").GetString()!, Decimals = (byte)decimals, Description = description,
            InitialAnswer = answer,
        };
        return await DeployAsync(Hex.Encode(deployment.GetDeploymentData()));
    }

    public Task SetAnswerAsync(string feed, BigInteger answer) =>
        SendFromDevAccountAsync(0, feed, Hex.Encode(new SetAnswerFunction { Answer = answer }.GetCallData()));

    public Task SetRoundAsync(string feed, BigInteger answer, DateTimeOffset updatedAt, BigInteger answeredInRound) =>
        SendFromDevAccountAsync(0, feed, Hex.Encode(new SetRoundFunction
        {
            Answer = answer, UpdatedAt = updatedAt.ToUnixTimeSeconds(), AnsweredInRound = answeredInRound,
        }.GetCallData()));

    /// <summary>DevPriceFeed's constructor.</summary>
    private sealed class FeedDeployment : ContractDeploymentMessage
    {
        public FeedDeployment()
            : base("")
        {
        }

        [Parameter("uint8", "decimals_", 1)] public byte Decimals { get; set; }
        [Parameter("string", "description_", 2)] public string Description { get; set; } = "";
        [Parameter("int256", "initialAnswer", 3)] public BigInteger InitialAnswer { get; set; }
    }

    /// <summary>The dev feed's setters (tests only; the relayer reads <c>ChainlinkAggregatorContract</c>'s views).</summary>
    [Function("setAnswer")]
    private sealed class SetAnswerFunction : FunctionMessage
    {
        [Parameter("int256", "answer", 1)] public BigInteger Answer { get; set; }
    }

    [Function("setRound")]
    private sealed class SetRoundFunction : FunctionMessage
    {
        [Parameter("int256", "answer", 1)] public BigInteger Answer { get; set; }
        [Parameter("uint256", "updatedAt", 2)] public BigInteger UpdatedAt { get; set; }
        [Parameter("uint80", "answeredInRound", 3)] public BigInteger AnsweredInRound { get; set; }
    }
}
