namespace StratosBridge.Tests.Integration.Evm.Rpc;

/// <summary>Anvil started with <c>--no-mining</c>: transactions stay pending until a test calls <c>evm_mine</c>.</summary>
public sealed class ManualMiningAnvilFixture : AnvilRpcFixture
{
    protected override long ChainId => 31337;

    protected override bool Automine => false;

    protected override string[] AnvilArgs => ["--no-mining"];
}
