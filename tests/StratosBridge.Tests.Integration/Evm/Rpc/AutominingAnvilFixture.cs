using StratosBridge.Chains.Evm.Rpc;
namespace StratosBridge.Tests.Integration.Evm.Rpc;

/// <summary>
/// Anvil as a "Stratos EVM" (chain 2048) mining each transaction at once, with one slot per epoch so that
/// <c>safe</c> = latest − 1 and <c>finalized</c> = latest − 2; with an emitter pair and a reverter deployed.
/// </summary>
public sealed class AutominingAnvilFixture : AnvilRpcFixture
{
    /// <summary>keccak256("Ping(bytes)"), the emitters' topic0.</summary>
    public const string PingTopic = "0xe2a96e1a3428f4df324a6e38e2a9639c4553be71ecb6dc55cf078ec326e54c8e";

    /// <summary>A custom error selector plus one uint256 argument (42).</summary>
    public const string RevertData = "0xdeadbeef000000000000000000000000000000000000000000000000000000000000002a";

    public string EmitterA { get; private set; } = "";

    public string EmitterB { get; private set; } = "";

    public string Reverter { get; private set; } = "";

    /// <summary>The block holding the first emitter's deployment.</summary>
    public long EmitterABlock { get; private set; }

    protected override long ChainId => 2048;

    protected override bool Automine => true;

    protected override string[] AnvilArgs => ["--slots-in-an-epoch", "1"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var deployment = await SendFromDevAccountAsync(0, null, TestBytecode.Emitter(PingTopic));
        EmitterA = deployment.ContractAddress!;
        EmitterABlock = deployment.BlockNumber.ToLong();
        EmitterB = await DeployAsync(TestBytecode.Emitter(PingTopic));
        Reverter = await DeployAsync(TestBytecode.Reverter(RevertData));
    }
}
