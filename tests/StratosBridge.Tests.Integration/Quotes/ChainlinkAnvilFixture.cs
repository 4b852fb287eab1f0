using System.Numerics;
using System.Text.Json;
using StratosBridge.Chains.Evm;
using StratosBridge.Chains.Evm.Abi;
using StratosBridge.TestKit;
using StratosBridge.Tests.Integration.Evm.Rpc;

namespace StratosBridge.Tests.Integration.Quotes;

/// <summary>A real anvil as "ethereum" (chain id 1) where tests deploy <c>DevPriceFeed</c> (contracts/artifacts) aggregators.</summary>
public sealed class ChainlinkAnvilFixture : AnvilRpcFixture
{
    private static readonly AbiFunction SetAnswer = AbiFunction.Parse("setAnswer(int256 answer)");
    private static readonly AbiFunction SetRound = AbiFunction.Parse("setRound(int256 answer, uint256 updatedAt, uint80 answeredInRound)");

    protected override long ChainId => 1;

    protected override bool Automine => true;

    protected override string[] AnvilArgs => [];

    /// <summary>Deploys a feed with <paramref name="decimals"/> and a first round answering <paramref name="answer"/> now.</summary>
    public async Task<string> DeployFeedAsync(int decimals, string description, BigInteger answer)
    {
        using var artifact = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "contracts", "artifacts", "DevPriceFeed.json")));
        var bytecode = artifact.RootElement.GetProperty("bytecode").GetString()!;
        var arguments = AbiCodec.Encode([AbiType.UInt(8), AbiType.String, AbiType.Int(256)], [decimals, description, answer]);
        return await DeployAsync(bytecode + Hex.Encode(arguments, prefix: false));
    }

    public Task SetAnswerAsync(string feed, BigInteger answer) =>
        SendFromDevAccountAsync(0, feed, Hex.Encode(SetAnswer.EncodeCall([answer])));

    public Task SetRoundAsync(string feed, BigInteger answer, DateTimeOffset updatedAt, BigInteger answeredInRound) =>
        SendFromDevAccountAsync(0, feed, Hex.Encode(SetRound.EncodeCall([answer, new BigInteger(updatedAt.ToUnixTimeSeconds()), answeredInRound])));
}
